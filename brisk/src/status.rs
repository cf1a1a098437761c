//! HTTP status codes and WebSocket close codes by name: FastAPI's
//! `from fastapi import status`, in Rust.
//!
//! FastAPI (via Starlette) exposes a `status` module of named constants such
//! as `status.HTTP_201_CREATED`, so that code reads as intent rather than as
//! magic numbers. This module provides the same names with the same spelling.
//!
//! * Every `HTTP_` constant is an [`http::StatusCode`], so it can be used
//!   directly on a route attribute (`status_code = status::HTTP_201_CREATED`)
//!   and anywhere else a `StatusCode` is expected: building responses,
//!   comparing against a response's status in tests, and so on.
//! * Every `WS_` constant is a plain [`u16`] WebSocket close code
//!   ([RFC 6455 §7.4](https://www.rfc-editor.org/rfc/rfc6455#section-7.4)),
//!   because close codes are not HTTP statuses.
//! * The pre-RFC 9110 names that Starlette still accepts
//!   (`HTTP_422_UNPROCESSABLE_ENTITY` and friends) exist as deprecated
//!   aliases with the same values, so ported code compiles and the compiler
//!   points at the new name.
//!
//! [`reason_phrase`] gives the phrase FastAPI uses as the default `detail` of
//! an error response, and [`is_bodyless`] tells whether a status may carry
//! content at all.
//!
//! # Common codes
//!
//! | Code | Constant | Typical use |
//! |------|----------|-------------|
//! | 200 OK | [`HTTP_200_OK`] | The default: a successful read or update that returns data. |
//! | 201 Created | [`HTTP_201_CREATED`] | A `POST` that created a resource (usually returns it). |
//! | 202 Accepted | [`HTTP_202_ACCEPTED`] | Work was queued and will finish later (background jobs). |
//! | 204 No Content | [`HTTP_204_NO_CONTENT`] | Success with nothing to return, e.g. a `DELETE`. No body is sent. |
//! | 400 Bad Request | [`HTTP_400_BAD_REQUEST`] | The request is malformed or violates a business rule. |
//! | 401 Unauthorized | [`HTTP_401_UNAUTHORIZED`] | Missing or invalid credentials (the client is not authenticated). |
//! | 403 Forbidden | [`HTTP_403_FORBIDDEN`] | Authenticated, but not allowed to do this. |
//! | 404 Not Found | [`HTTP_404_NOT_FOUND`] | The item or route does not exist. |
//! | 409 Conflict | [`HTTP_409_CONFLICT`] | The request conflicts with current state (duplicate key, stale version). |
//! | 422 Unprocessable Content | [`HTTP_422_UNPROCESSABLE_CONTENT`] | Validation failed: the status brisk (like FastAPI) sends for invalid parameters or bodies. |
//! | 500 Internal Server Error | [`HTTP_500_INTERNAL_SERVER_ERROR`] | An unexpected failure on the server (an unhandled error or panic). |
//!
//! # Example
//!
//! ```
//! use brisk::status;
//!
//! assert_eq!(status::HTTP_201_CREATED.as_u16(), 201);
//! assert!(status::HTTP_404_NOT_FOUND.is_client_error());
//! assert_eq!(status::WS_1000_NORMAL_CLOSURE, 1000);
//!
//! // The default `detail` FastAPI sends for an error without one:
//! assert_eq!(status::reason_phrase(404), Some("Not Found"));
//!
//! // 204 responses never carry a body.
//! assert!(status::is_bodyless(status::HTTP_204_NO_CONTENT.as_u16()));
//! ```

use http::StatusCode;

// ---------------------------------------------------------------------------
// 1xx Informational
// ---------------------------------------------------------------------------

/// 100 Continue ([RFC 9110 §15.2.1](https://www.rfc-editor.org/rfc/rfc9110#section-15.2.1))
pub const HTTP_100_CONTINUE: StatusCode = StatusCode::CONTINUE;
/// 101 Switching Protocols ([RFC 9110 §15.2.2](https://www.rfc-editor.org/rfc/rfc9110#section-15.2.2))
pub const HTTP_101_SWITCHING_PROTOCOLS: StatusCode = StatusCode::SWITCHING_PROTOCOLS;
/// 102 Processing ([RFC 2518 §10.1](https://www.rfc-editor.org/rfc/rfc2518#section-10.1))
pub const HTTP_102_PROCESSING: StatusCode = StatusCode::PROCESSING;
/// 103 Early Hints ([RFC 8297 §2](https://www.rfc-editor.org/rfc/rfc8297#section-2))
pub const HTTP_103_EARLY_HINTS: StatusCode = StatusCode::EARLY_HINTS;

// ---------------------------------------------------------------------------
// 2xx Successful
// ---------------------------------------------------------------------------

/// 200 OK ([RFC 9110 §15.3.1](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.1))
pub const HTTP_200_OK: StatusCode = StatusCode::OK;
/// 201 Created ([RFC 9110 §15.3.2](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.2))
pub const HTTP_201_CREATED: StatusCode = StatusCode::CREATED;
/// 202 Accepted ([RFC 9110 §15.3.3](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.3))
pub const HTTP_202_ACCEPTED: StatusCode = StatusCode::ACCEPTED;
/// 203 Non-Authoritative Information ([RFC 9110 §15.3.4](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.4))
pub const HTTP_203_NON_AUTHORITATIVE_INFORMATION: StatusCode =
    StatusCode::NON_AUTHORITATIVE_INFORMATION;
/// 204 No Content ([RFC 9110 §15.3.5](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5))
pub const HTTP_204_NO_CONTENT: StatusCode = StatusCode::NO_CONTENT;
/// 205 Reset Content ([RFC 9110 §15.3.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6))
pub const HTTP_205_RESET_CONTENT: StatusCode = StatusCode::RESET_CONTENT;
/// 206 Partial Content ([RFC 9110 §15.3.7](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7))
pub const HTTP_206_PARTIAL_CONTENT: StatusCode = StatusCode::PARTIAL_CONTENT;
/// 207 Multi-Status ([RFC 4918 §11.1](https://www.rfc-editor.org/rfc/rfc4918#section-11.1))
pub const HTTP_207_MULTI_STATUS: StatusCode = StatusCode::MULTI_STATUS;
/// 208 Already Reported ([RFC 5842 §7.1](https://www.rfc-editor.org/rfc/rfc5842#section-7.1))
pub const HTTP_208_ALREADY_REPORTED: StatusCode = StatusCode::ALREADY_REPORTED;
/// 226 IM Used ([RFC 3229 §10.4.1](https://www.rfc-editor.org/rfc/rfc3229#section-10.4.1))
pub const HTTP_226_IM_USED: StatusCode = StatusCode::IM_USED;

// ---------------------------------------------------------------------------
// 3xx Redirection
// ---------------------------------------------------------------------------

/// 300 Multiple Choices ([RFC 9110 §15.4.1](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.1))
pub const HTTP_300_MULTIPLE_CHOICES: StatusCode = StatusCode::MULTIPLE_CHOICES;
/// 301 Moved Permanently ([RFC 9110 §15.4.2](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.2))
pub const HTTP_301_MOVED_PERMANENTLY: StatusCode = StatusCode::MOVED_PERMANENTLY;
/// 302 Found ([RFC 9110 §15.4.3](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.3))
pub const HTTP_302_FOUND: StatusCode = StatusCode::FOUND;
/// 303 See Other ([RFC 9110 §15.4.4](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.4))
pub const HTTP_303_SEE_OTHER: StatusCode = StatusCode::SEE_OTHER;
/// 304 Not Modified ([RFC 9110 §15.4.5](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5))
pub const HTTP_304_NOT_MODIFIED: StatusCode = StatusCode::NOT_MODIFIED;
/// 305 Use Proxy, deprecated by the RFC ([RFC 9110 §15.4.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.6))
pub const HTTP_305_USE_PROXY: StatusCode = StatusCode::USE_PROXY;
/// 306 (Unused), reserved by the RFC ([RFC 9110 §15.4.7](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.7))
pub const HTTP_306_RESERVED: StatusCode = match StatusCode::from_u16(306) {
    Ok(status) => status,
    Err(_) => panic!("306 is a valid status code"),
};
/// 307 Temporary Redirect ([RFC 9110 §15.4.8](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.8))
pub const HTTP_307_TEMPORARY_REDIRECT: StatusCode = StatusCode::TEMPORARY_REDIRECT;
/// 308 Permanent Redirect ([RFC 9110 §15.4.9](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.9))
pub const HTTP_308_PERMANENT_REDIRECT: StatusCode = StatusCode::PERMANENT_REDIRECT;

// ---------------------------------------------------------------------------
// 4xx Client Error
// ---------------------------------------------------------------------------

/// 400 Bad Request ([RFC 9110 §15.5.1](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1))
pub const HTTP_400_BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
/// 401 Unauthorized ([RFC 9110 §15.5.2](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2))
pub const HTTP_401_UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;
/// 402 Payment Required ([RFC 9110 §15.5.3](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.3))
pub const HTTP_402_PAYMENT_REQUIRED: StatusCode = StatusCode::PAYMENT_REQUIRED;
/// 403 Forbidden ([RFC 9110 §15.5.4](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4))
pub const HTTP_403_FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;
/// 404 Not Found ([RFC 9110 §15.5.5](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5))
pub const HTTP_404_NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
/// 405 Method Not Allowed ([RFC 9110 §15.5.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6))
pub const HTTP_405_METHOD_NOT_ALLOWED: StatusCode = StatusCode::METHOD_NOT_ALLOWED;
/// 406 Not Acceptable ([RFC 9110 §15.5.7](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7))
pub const HTTP_406_NOT_ACCEPTABLE: StatusCode = StatusCode::NOT_ACCEPTABLE;
/// 407 Proxy Authentication Required ([RFC 9110 §15.5.8](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8))
pub const HTTP_407_PROXY_AUTHENTICATION_REQUIRED: StatusCode =
    StatusCode::PROXY_AUTHENTICATION_REQUIRED;
/// 408 Request Timeout ([RFC 9110 §15.5.9](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9))
pub const HTTP_408_REQUEST_TIMEOUT: StatusCode = StatusCode::REQUEST_TIMEOUT;
/// 409 Conflict ([RFC 9110 §15.5.10](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10))
pub const HTTP_409_CONFLICT: StatusCode = StatusCode::CONFLICT;
/// 410 Gone ([RFC 9110 §15.5.11](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.11))
pub const HTTP_410_GONE: StatusCode = StatusCode::GONE;
/// 411 Length Required ([RFC 9110 §15.5.12](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.12))
pub const HTTP_411_LENGTH_REQUIRED: StatusCode = StatusCode::LENGTH_REQUIRED;
/// 412 Precondition Failed ([RFC 9110 §15.5.13](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13))
pub const HTTP_412_PRECONDITION_FAILED: StatusCode = StatusCode::PRECONDITION_FAILED;
/// 413 Content Too Large ([RFC 9110 §15.5.14](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14))
pub const HTTP_413_CONTENT_TOO_LARGE: StatusCode = StatusCode::PAYLOAD_TOO_LARGE;
/// 414 URI Too Long ([RFC 9110 §15.5.15](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15))
pub const HTTP_414_URI_TOO_LONG: StatusCode = StatusCode::URI_TOO_LONG;
/// 415 Unsupported Media Type ([RFC 9110 §15.5.16](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16))
pub const HTTP_415_UNSUPPORTED_MEDIA_TYPE: StatusCode = StatusCode::UNSUPPORTED_MEDIA_TYPE;
/// 416 Range Not Satisfiable ([RFC 9110 §15.5.17](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17))
pub const HTTP_416_RANGE_NOT_SATISFIABLE: StatusCode = StatusCode::RANGE_NOT_SATISFIABLE;
/// 417 Expectation Failed ([RFC 9110 §15.5.18](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.18))
pub const HTTP_417_EXPECTATION_FAILED: StatusCode = StatusCode::EXPECTATION_FAILED;
/// 418 I'm a Teapot, reserved as "(Unused)" by the RFC ([RFC 9110 §15.5.19](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.19))
pub const HTTP_418_IM_A_TEAPOT: StatusCode = StatusCode::IM_A_TEAPOT;
/// 421 Misdirected Request ([RFC 9110 §15.5.20](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20))
pub const HTTP_421_MISDIRECTED_REQUEST: StatusCode = StatusCode::MISDIRECTED_REQUEST;
/// 422 Unprocessable Content ([RFC 9110 §15.5.21](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21))
pub const HTTP_422_UNPROCESSABLE_CONTENT: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
/// 423 Locked ([RFC 4918 §11.3](https://www.rfc-editor.org/rfc/rfc4918#section-11.3))
pub const HTTP_423_LOCKED: StatusCode = StatusCode::LOCKED;
/// 424 Failed Dependency ([RFC 4918 §11.4](https://www.rfc-editor.org/rfc/rfc4918#section-11.4))
pub const HTTP_424_FAILED_DEPENDENCY: StatusCode = StatusCode::FAILED_DEPENDENCY;
/// 425 Too Early ([RFC 8470 §5.2](https://www.rfc-editor.org/rfc/rfc8470#section-5.2))
pub const HTTP_425_TOO_EARLY: StatusCode = StatusCode::TOO_EARLY;
/// 426 Upgrade Required ([RFC 9110 §15.5.22](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.22))
pub const HTTP_426_UPGRADE_REQUIRED: StatusCode = StatusCode::UPGRADE_REQUIRED;
/// 428 Precondition Required ([RFC 6585 §3](https://www.rfc-editor.org/rfc/rfc6585#section-3))
pub const HTTP_428_PRECONDITION_REQUIRED: StatusCode = StatusCode::PRECONDITION_REQUIRED;
/// 429 Too Many Requests ([RFC 6585 §4](https://www.rfc-editor.org/rfc/rfc6585#section-4))
pub const HTTP_429_TOO_MANY_REQUESTS: StatusCode = StatusCode::TOO_MANY_REQUESTS;
/// 431 Request Header Fields Too Large ([RFC 6585 §5](https://www.rfc-editor.org/rfc/rfc6585#section-5))
pub const HTTP_431_REQUEST_HEADER_FIELDS_TOO_LARGE: StatusCode =
    StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE;
/// 451 Unavailable For Legal Reasons ([RFC 7725 §3](https://www.rfc-editor.org/rfc/rfc7725#section-3))
pub const HTTP_451_UNAVAILABLE_FOR_LEGAL_REASONS: StatusCode =
    StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS;

// ---------------------------------------------------------------------------
// 5xx Server Error
// ---------------------------------------------------------------------------

/// 500 Internal Server Error ([RFC 9110 §15.6.1](https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1))
pub const HTTP_500_INTERNAL_SERVER_ERROR: StatusCode = StatusCode::INTERNAL_SERVER_ERROR;
/// 501 Not Implemented ([RFC 9110 §15.6.2](https://www.rfc-editor.org/rfc/rfc9110#section-15.6.2))
pub const HTTP_501_NOT_IMPLEMENTED: StatusCode = StatusCode::NOT_IMPLEMENTED;
/// 502 Bad Gateway ([RFC 9110 §15.6.3](https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3))
pub const HTTP_502_BAD_GATEWAY: StatusCode = StatusCode::BAD_GATEWAY;
/// 503 Service Unavailable ([RFC 9110 §15.6.4](https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4))
pub const HTTP_503_SERVICE_UNAVAILABLE: StatusCode = StatusCode::SERVICE_UNAVAILABLE;
/// 504 Gateway Timeout ([RFC 9110 §15.6.5](https://www.rfc-editor.org/rfc/rfc9110#section-15.6.5))
pub const HTTP_504_GATEWAY_TIMEOUT: StatusCode = StatusCode::GATEWAY_TIMEOUT;
/// 505 HTTP Version Not Supported ([RFC 9110 §15.6.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.6.6))
pub const HTTP_505_HTTP_VERSION_NOT_SUPPORTED: StatusCode = StatusCode::HTTP_VERSION_NOT_SUPPORTED;
/// 506 Variant Also Negotiates ([RFC 2295 §8.1](https://www.rfc-editor.org/rfc/rfc2295#section-8.1))
pub const HTTP_506_VARIANT_ALSO_NEGOTIATES: StatusCode = StatusCode::VARIANT_ALSO_NEGOTIATES;
/// 507 Insufficient Storage ([RFC 4918 §11.5](https://www.rfc-editor.org/rfc/rfc4918#section-11.5))
pub const HTTP_507_INSUFFICIENT_STORAGE: StatusCode = StatusCode::INSUFFICIENT_STORAGE;
/// 508 Loop Detected ([RFC 5842 §7.2](https://www.rfc-editor.org/rfc/rfc5842#section-7.2))
pub const HTTP_508_LOOP_DETECTED: StatusCode = StatusCode::LOOP_DETECTED;
/// 510 Not Extended ([RFC 2774 §7](https://www.rfc-editor.org/rfc/rfc2774#section-7))
pub const HTTP_510_NOT_EXTENDED: StatusCode = StatusCode::NOT_EXTENDED;
/// 511 Network Authentication Required ([RFC 6585 §6](https://www.rfc-editor.org/rfc/rfc6585#section-6))
pub const HTTP_511_NETWORK_AUTHENTICATION_REQUIRED: StatusCode =
    StatusCode::NETWORK_AUTHENTICATION_REQUIRED;

// ---------------------------------------------------------------------------
// Deprecated pre-RFC 9110 names (kept, like Starlette, for ported code)
// ---------------------------------------------------------------------------

/// 413 Request Entity Too Large: the pre-RFC 9110 name of
/// [`HTTP_413_CONTENT_TOO_LARGE`].
#[deprecated(note = "renamed in RFC 9110: use `HTTP_413_CONTENT_TOO_LARGE` instead")]
pub const HTTP_413_REQUEST_ENTITY_TOO_LARGE: StatusCode = HTTP_413_CONTENT_TOO_LARGE;
/// 414 Request-URI Too Long: the pre-RFC 9110 name of [`HTTP_414_URI_TOO_LONG`].
#[deprecated(note = "renamed in RFC 9110: use `HTTP_414_URI_TOO_LONG` instead")]
pub const HTTP_414_REQUEST_URI_TOO_LONG: StatusCode = HTTP_414_URI_TOO_LONG;
/// 416 Requested Range Not Satisfiable: the pre-RFC 9110 name of
/// [`HTTP_416_RANGE_NOT_SATISFIABLE`].
#[deprecated(note = "renamed in RFC 9110: use `HTTP_416_RANGE_NOT_SATISFIABLE` instead")]
pub const HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE: StatusCode = HTTP_416_RANGE_NOT_SATISFIABLE;
/// 422 Unprocessable Entity: the pre-RFC 9110 name of
/// [`HTTP_422_UNPROCESSABLE_CONTENT`].
#[deprecated(note = "renamed in RFC 9110: use `HTTP_422_UNPROCESSABLE_CONTENT` instead")]
pub const HTTP_422_UNPROCESSABLE_ENTITY: StatusCode = HTTP_422_UNPROCESSABLE_CONTENT;

// ---------------------------------------------------------------------------
// WebSocket close codes (RFC 6455 §7.4.1 and the IANA registry)
// ---------------------------------------------------------------------------

/// 1000 Normal Closure: the purpose of the connection has been fulfilled ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1000_NORMAL_CLOSURE: u16 = 1000;
/// 1001 Going Away: the server is shutting down or the browser left the page ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1001_GOING_AWAY: u16 = 1001;
/// 1002 Protocol Error: the peer violated the WebSocket protocol ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1002_PROTOCOL_ERROR: u16 = 1002;
/// 1003 Unsupported Data: a data type that cannot be accepted, e.g. binary when only text is handled ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1003_UNSUPPORTED_DATA: u16 = 1003;
/// 1005 No Status Received: reserved; reported locally when a Close frame had no code, never sent ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1005_NO_STATUS_RCVD: u16 = 1005;
/// 1006 Abnormal Closure: reserved; reported locally when the connection dropped without a Close frame, never sent ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1006_ABNORMAL_CLOSURE: u16 = 1006;
/// 1007 Invalid Frame Payload Data: a message's data was inconsistent with its type, e.g. non-UTF-8 text ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1007_INVALID_FRAME_PAYLOAD_DATA: u16 = 1007;
/// 1008 Policy Violation: a message violated the endpoint's policy (generic refusal) ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1008_POLICY_VIOLATION: u16 = 1008;
/// 1009 Message Too Big: a message was too large to process ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1009_MESSAGE_TOO_BIG: u16 = 1009;
/// 1010 Mandatory Extension: the client expected the server to negotiate an extension it did not ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1010_MANDATORY_EXT: u16 = 1010;
/// 1011 Internal Error: the server hit an unexpected condition ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1011_INTERNAL_ERROR: u16 = 1011;
/// 1012 Service Restart: the server is restarting ([IANA WebSocket close code registry](https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number))
pub const WS_1012_SERVICE_RESTART: u16 = 1012;
/// 1013 Try Again Later: the server is temporarily overloaded ([IANA WebSocket close code registry](https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number))
pub const WS_1013_TRY_AGAIN_LATER: u16 = 1013;
/// 1014 Bad Gateway: a gateway or proxy got an invalid response from upstream ([IANA WebSocket close code registry](https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number))
pub const WS_1014_BAD_GATEWAY: u16 = 1014;
/// 1015 TLS Handshake: reserved; reported locally when the TLS handshake failed, never sent ([RFC 6455 §7.4.1](https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1))
pub const WS_1015_TLS_HANDSHAKE: u16 = 1015;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Whether a response with this status code never carries content.
///
/// True for every `1xx` informational status, `204 No Content`,
/// `205 Reset Content` and `304 Not Modified`
/// ([RFC 9110 §6.4.1](https://www.rfc-editor.org/rfc/rfc9110#section-6.4.1),
/// [§15.3.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6)).
/// brisk sends no body (and no `content-length` for the content) for these,
/// whatever the handler returned.
///
/// ```
/// use brisk::status;
///
/// assert!(status::is_bodyless(status::HTTP_204_NO_CONTENT.as_u16()));
/// assert!(status::is_bodyless(304));
/// assert!(status::is_bodyless(101));
/// assert!(!status::is_bodyless(200));
/// assert!(!status::is_bodyless(404));
/// ```
pub const fn is_bodyless(code: u16) -> bool {
    matches!(code, 100..=199 | 204 | 205 | 304)
}

/// The reason phrase FastAPI uses for `code`, or `None` if it has none.
///
/// When a FastAPI `HTTPException` is raised without a `detail`, the response
/// body is `{"detail": "<phrase>"}` where the phrase is Python's
/// `http.HTTPStatus(code).phrase`. brisk uses this table for the same
/// purpose so that its error bodies are byte-for-byte what a FastAPI client
/// (and its test-suite) expects.
///
/// The table is CPython 3.11's `http.HTTPStatus`, which is what FastAPI's
/// measured behaviour on CPython ≤ 3.12 reflects. It therefore keeps the
/// pre-RFC 9110 phrases — `413 "Request Entity Too Large"`,
/// `414 "Request-URI Too Long"`, `416 "Requested Range Not Satisfiable"`,
/// `422 "Unprocessable Entity"` — and `418 "I'm a Teapot"` (capital T), and
/// it differs in places from [`StatusCode::canonical_reason`]
/// (e.g. `203 "Non-Authoritative Information"`). CPython 3.13 renamed those
/// four phrases; brisk deliberately follows the older, widely deployed ones.
///
/// Codes CPython does not know, such as `306` or `299`, return `None`.
///
/// ```
/// use brisk::status;
///
/// assert_eq!(status::reason_phrase(404), Some("Not Found"));
/// assert_eq!(status::reason_phrase(418), Some("I'm a Teapot"));
/// assert_eq!(status::reason_phrase(422), Some("Unprocessable Entity"));
/// assert_eq!(status::reason_phrase(306), None);
/// ```
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    // Generated from CPython 3.11:
    // python3 -c 'import http; print([(s.value, s.phrase) for s in http.HTTPStatus])'
    let phrase = match code {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a Teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => return None,
    };
    Some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number embedded in a constant's name, e.g. `HTTP_201_CREATED` → 201.
    fn number_in_name(name: &str) -> u16 {
        let digits = name
            .split('_')
            .nth(1)
            .unwrap_or_else(|| panic!("{name} has no number"));
        digits
            .parse()
            .unwrap_or_else(|_| panic!("{name}: {digits:?} is not a number"))
    }

    /// `(name, value)` for every constant listed, the name taken from the
    /// identifier itself so a constant bound to the wrong value is caught.
    macro_rules! named {
        ($($name:ident),* $(,)?) => {
            [$((stringify!($name), $name)),*]
        };
    }

    const HTTP_CONSTANTS: [(&str, StatusCode); 63] = named![
        HTTP_100_CONTINUE,
        HTTP_101_SWITCHING_PROTOCOLS,
        HTTP_102_PROCESSING,
        HTTP_103_EARLY_HINTS,
        HTTP_200_OK,
        HTTP_201_CREATED,
        HTTP_202_ACCEPTED,
        HTTP_203_NON_AUTHORITATIVE_INFORMATION,
        HTTP_204_NO_CONTENT,
        HTTP_205_RESET_CONTENT,
        HTTP_206_PARTIAL_CONTENT,
        HTTP_207_MULTI_STATUS,
        HTTP_208_ALREADY_REPORTED,
        HTTP_226_IM_USED,
        HTTP_300_MULTIPLE_CHOICES,
        HTTP_301_MOVED_PERMANENTLY,
        HTTP_302_FOUND,
        HTTP_303_SEE_OTHER,
        HTTP_304_NOT_MODIFIED,
        HTTP_305_USE_PROXY,
        HTTP_306_RESERVED,
        HTTP_307_TEMPORARY_REDIRECT,
        HTTP_308_PERMANENT_REDIRECT,
        HTTP_400_BAD_REQUEST,
        HTTP_401_UNAUTHORIZED,
        HTTP_402_PAYMENT_REQUIRED,
        HTTP_403_FORBIDDEN,
        HTTP_404_NOT_FOUND,
        HTTP_405_METHOD_NOT_ALLOWED,
        HTTP_406_NOT_ACCEPTABLE,
        HTTP_407_PROXY_AUTHENTICATION_REQUIRED,
        HTTP_408_REQUEST_TIMEOUT,
        HTTP_409_CONFLICT,
        HTTP_410_GONE,
        HTTP_411_LENGTH_REQUIRED,
        HTTP_412_PRECONDITION_FAILED,
        HTTP_413_CONTENT_TOO_LARGE,
        HTTP_414_URI_TOO_LONG,
        HTTP_415_UNSUPPORTED_MEDIA_TYPE,
        HTTP_416_RANGE_NOT_SATISFIABLE,
        HTTP_417_EXPECTATION_FAILED,
        HTTP_418_IM_A_TEAPOT,
        HTTP_421_MISDIRECTED_REQUEST,
        HTTP_422_UNPROCESSABLE_CONTENT,
        HTTP_423_LOCKED,
        HTTP_424_FAILED_DEPENDENCY,
        HTTP_425_TOO_EARLY,
        HTTP_426_UPGRADE_REQUIRED,
        HTTP_428_PRECONDITION_REQUIRED,
        HTTP_429_TOO_MANY_REQUESTS,
        HTTP_431_REQUEST_HEADER_FIELDS_TOO_LARGE,
        HTTP_451_UNAVAILABLE_FOR_LEGAL_REASONS,
        HTTP_500_INTERNAL_SERVER_ERROR,
        HTTP_501_NOT_IMPLEMENTED,
        HTTP_502_BAD_GATEWAY,
        HTTP_503_SERVICE_UNAVAILABLE,
        HTTP_504_GATEWAY_TIMEOUT,
        HTTP_505_HTTP_VERSION_NOT_SUPPORTED,
        HTTP_506_VARIANT_ALSO_NEGOTIATES,
        HTTP_507_INSUFFICIENT_STORAGE,
        HTTP_508_LOOP_DETECTED,
        HTTP_510_NOT_EXTENDED,
        HTTP_511_NETWORK_AUTHENTICATION_REQUIRED,
    ];

    const WS_CONSTANTS: [(&str, u16); 15] = named![
        WS_1000_NORMAL_CLOSURE,
        WS_1001_GOING_AWAY,
        WS_1002_PROTOCOL_ERROR,
        WS_1003_UNSUPPORTED_DATA,
        WS_1005_NO_STATUS_RCVD,
        WS_1006_ABNORMAL_CLOSURE,
        WS_1007_INVALID_FRAME_PAYLOAD_DATA,
        WS_1008_POLICY_VIOLATION,
        WS_1009_MESSAGE_TOO_BIG,
        WS_1010_MANDATORY_EXT,
        WS_1011_INTERNAL_ERROR,
        WS_1012_SERVICE_RESTART,
        WS_1013_TRY_AGAIN_LATER,
        WS_1014_BAD_GATEWAY,
        WS_1015_TLS_HANDSHAKE,
    ];

    #[test]
    fn http_constants_match_their_names() {
        for (name, status) in HTTP_CONSTANTS {
            assert_eq!(status.as_u16(), number_in_name(name), "{name}");
        }
    }

    #[test]
    fn http_constants_are_distinct_and_ascending() {
        for pair in HTTP_CONSTANTS.windows(2) {
            assert!(
                pair[0].1.as_u16() < pair[1].1.as_u16(),
                "{} / {}",
                pair[0].0,
                pair[1].0
            );
        }
    }

    #[test]
    fn ws_constants_match_their_names() {
        for (name, code) in WS_CONSTANTS {
            assert_eq!(code, number_in_name(name), "{name}");
        }
    }

    #[test]
    fn number_in_name_reads_the_code() {
        assert_eq!(number_in_name("HTTP_201_CREATED"), 201);
        assert_eq!(number_in_name("WS_1015_TLS_HANDSHAKE"), 1015);
    }

    #[test]
    #[allow(deprecated)]
    fn deprecated_aliases_equal_their_replacements() {
        assert_eq!(
            HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            HTTP_413_CONTENT_TOO_LARGE
        );
        assert_eq!(HTTP_414_REQUEST_URI_TOO_LONG, HTTP_414_URI_TOO_LONG);
        assert_eq!(
            HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE,
            HTTP_416_RANGE_NOT_SATISFIABLE
        );
        assert_eq!(
            HTTP_422_UNPROCESSABLE_ENTITY,
            HTTP_422_UNPROCESSABLE_CONTENT
        );

        let aliases = named![
            HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            HTTP_414_REQUEST_URI_TOO_LONG,
            HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE,
            HTTP_422_UNPROCESSABLE_ENTITY,
        ];
        for (name, status) in aliases {
            assert_eq!(status.as_u16(), number_in_name(name), "{name}");
        }
    }

    #[test]
    fn is_bodyless_truth_table() {
        for code in 100..=999u16 {
            let expected = (100..=199).contains(&code) || matches!(code, 204 | 205 | 304);
            assert_eq!(is_bodyless(code), expected, "{code}");
        }
        assert!(is_bodyless(HTTP_100_CONTINUE.as_u16()));
        assert!(is_bodyless(HTTP_101_SWITCHING_PROTOCOLS.as_u16()));
        assert!(is_bodyless(HTTP_103_EARLY_HINTS.as_u16()));
        assert!(is_bodyless(HTTP_204_NO_CONTENT.as_u16()));
        assert!(is_bodyless(HTTP_205_RESET_CONTENT.as_u16()));
        assert!(is_bodyless(HTTP_304_NOT_MODIFIED.as_u16()));
        assert!(!is_bodyless(HTTP_200_OK.as_u16()));
        assert!(!is_bodyless(HTTP_201_CREATED.as_u16()));
        assert!(!is_bodyless(HTTP_206_PARTIAL_CONTENT.as_u16()));
        assert!(!is_bodyless(HTTP_302_FOUND.as_u16()));
        assert!(!is_bodyless(HTTP_404_NOT_FOUND.as_u16()));
        assert!(!is_bodyless(HTTP_500_INTERNAL_SERVER_ERROR.as_u16()));
        assert!(!is_bodyless(0));
        assert!(!is_bodyless(99));
        assert!(!is_bodyless(200));
    }

    // `is_bodyless` is a `const fn`: this fails to compile if it stops being one
    // or if its answer for these codes changes.
    const _: () = assert!(is_bodyless(204) && is_bodyless(100) && !is_bodyless(200));

    #[test]
    fn reason_phrases_match_cpython_311() {
        assert_eq!(reason_phrase(200), Some("OK"));
        assert_eq!(reason_phrase(201), Some("Created"));
        assert_eq!(reason_phrase(203), Some("Non-Authoritative Information"));
        assert_eq!(reason_phrase(400), Some("Bad Request"));
        assert_eq!(reason_phrase(401), Some("Unauthorized"));
        assert_eq!(reason_phrase(403), Some("Forbidden"));
        assert_eq!(reason_phrase(404), Some("Not Found"));
        assert_eq!(reason_phrase(409), Some("Conflict"));
        assert_eq!(reason_phrase(413), Some("Request Entity Too Large"));
        assert_eq!(reason_phrase(414), Some("Request-URI Too Long"));
        assert_eq!(reason_phrase(416), Some("Requested Range Not Satisfiable"));
        assert_eq!(reason_phrase(418), Some("I'm a Teapot"));
        assert_eq!(reason_phrase(422), Some("Unprocessable Entity"));
        assert_eq!(reason_phrase(429), Some("Too Many Requests"));
        assert_eq!(reason_phrase(500), Some("Internal Server Error"));
        assert_eq!(reason_phrase(511), Some("Network Authentication Required"));
    }

    #[test]
    fn reason_phrase_is_none_for_unknown_codes() {
        assert_eq!(reason_phrase(306), None);
        assert_eq!(reason_phrase(299), None);
        assert_eq!(reason_phrase(0), None);
        assert_eq!(reason_phrase(419), None);
        assert_eq!(reason_phrase(599), None);
        assert_eq!(reason_phrase(1000), None);
    }

    #[test]
    fn every_constant_but_306_has_a_reason_phrase() {
        for (name, status) in HTTP_CONSTANTS {
            let phrase = reason_phrase(status.as_u16());
            if status == HTTP_306_RESERVED {
                assert_eq!(phrase, None, "{name}");
            } else {
                assert!(phrase.is_some(), "{name} has no reason phrase");
            }
        }
        let known = (0..=u16::MAX).filter(|&c| reason_phrase(c).is_some());
        assert_eq!(known.count(), 62);
    }
}
