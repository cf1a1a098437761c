//! Header maps passed on from a request to a response on the same thread.
//!
//! hyper parses each request's headers into the map of the response before it (it keeps the
//! map once it has written the head), so a map goes round: response → hyper → request. A
//! request's map used to end there, freed when the handler's `Request` dropped, while the
//! next response allocated a new one. Passing the emptied map on instead saves two frees
//! and two allocations a request and keeps the map's capacity where it is needed. A map is
//! kept only up to [`MAX_KEPT`] entries' worth, one per thread.

use std::cell::Cell;

use http::HeaderMap;

/// The largest capacity kept: a request with many headers does not make every later
/// response on its thread hold a large map.
const MAX_KEPT: usize = 32;

thread_local! {
    static SPARE: Cell<Option<HeaderMap>> = const { Cell::new(None) };
}

/// Keeps `map` (emptied) for the next response made on this thread, if it is small (in
/// place of a spare the thread may already have).
pub(crate) fn give(mut map: HeaderMap) {
    let capacity = map.capacity();
    if capacity == 0 || capacity > MAX_KEPT {
        return;
    }
    map.clear();
    // `try_with`: a request dropped while the thread's locals are being torn down simply
    // frees its map.
    let _ = SPARE.try_with(|spare| spare.set(Some(map)));
}

/// An empty map for a response: this thread's spare, or a new one with room for
/// `capacity` headers.
pub(crate) fn take(capacity: usize) -> HeaderMap {
    match SPARE.try_with(Cell::take) {
        Ok(Some(mut map)) => {
            // (`reserve` alone checks more than this.)
            if map.capacity() < capacity {
                map.reserve(capacity);
            }
            map
        }
        _ => HeaderMap::with_capacity(capacity),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST};
    use http::HeaderValue;

    #[test]
    fn a_given_map_comes_back_empty_and_keeps_order_of_new_entries() {
        // The test's thread starts with no spare.
        let fresh = take(2);
        assert!(fresh.is_empty());

        let mut request = HeaderMap::with_capacity(4);
        request.append(HOST, HeaderValue::from_static("example.com"));
        request.append("x-a", HeaderValue::from_static("1"));
        request.append("x-a", HeaderValue::from_static("2"));
        let capacity = request.capacity();
        give(request);

        let mut map = take(2);
        assert!(map.is_empty());
        assert_eq!(map.capacity(), capacity, "the same map, its room kept");
        map.append(CONTENT_LENGTH, HeaderValue::from_static("2"));
        map.append(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        map.append("x-a", HeaderValue::from_static("3"));
        let got: Vec<_> = map
            .iter()
            .map(|(n, v)| (n.as_str(), v.to_str().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                ("content-length", "2"),
                ("content-type", "text/plain"),
                ("x-a", "3")
            ]
        );
        // Taken: the next one is new.
        assert_eq!(take(0).capacity(), 0);
    }

    #[test]
    fn large_maps_are_not_kept_and_one_spare_is() {
        let mut large = HeaderMap::with_capacity(MAX_KEPT + 1);
        large.append(HOST, HeaderValue::from_static("example.com"));
        assert!(large.capacity() > MAX_KEPT);
        give(large);
        assert_eq!(take(0).capacity(), 0);

        let (small, larger) = (HeaderMap::with_capacity(4), HeaderMap::with_capacity(8));
        let latest = larger.capacity();
        assert_ne!(small.capacity(), latest);
        give(small);
        give(larger);
        assert_eq!(take(0).capacity(), latest, "the latest spare is kept");
        assert_eq!(take(0).capacity(), 0, "and no other");
    }
}
