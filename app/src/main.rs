fn main() {
    reserve_heap();
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// Takes the heap the open map's board will need from the browser in one step, then hands it
/// back to the allocator, which keeps it: grown a little at a time while the board was built,
/// the memory's growth took about 19 ms of a traced 1,000-card first render. A board takes
/// about 80 bytes of heap per character of its stored map (the benchmark's 5,000 cards, 428,334
/// characters, took 35 MB of memory), and 2 MiB more keeps the drags and edits that follow from
/// growing it inside a frame; a small map takes little, and none is taken beyond 64 MiB.
fn reserve_heap() {
    let board = app::open_map_len().map_or(0, |len| len as usize * 80);
    let bytes = (board + (2 << 20)).min(64 << 20);
    drop(std::hint::black_box(Vec::<u8>::with_capacity(bytes)));
}
