//! A pointer press that may become a drag: the one gesture behind dragging cards, header grips
//! and the emotion curve's points, alike for a mouse, a pen or a finger. The press captures the
//! pointer; once it has travelled past `model::position::DRAG_THRESHOLD` it is a drag; releasing
//! drops it, and Esc, `pointercancel` or a lost capture cancel it. What a drag means belongs to
//! its user, a [`DragHandler`]; this module knows nothing of cards or headers. An element
//! listens for `pointerdown` only (the cards share one listener on the board): the press
//! follows the pointer with listeners of its own, on the element that captured it, for as long
//! as it lasts.

use leptos::ev::PointerEvent;
use leptos::prelude::*;
use model::position;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// What a drag means to the thing dragged. Copied into every handler of its element, so it
/// holds handles (signals, stored values), not data: a card's costs nothing per card.
pub trait DragHandler: Copy + 'static {
    /// A main-button press begins; whether it may become a drag (a card lifted with the
    /// keyboard stays put, say).
    fn press(&self, _ev: &PointerEvent) -> bool {
        true
    }
    /// The press went past the threshold; it began at `from`. `drag_to` follows at once.
    fn start(&self, from: (f64, f64), ev: &PointerEvent);
    /// The pointer moved during the drag: the hot path, so it writes nothing that many
    /// components read.
    fn drag_to(&self, ev: &PointerEvent);
    fn drop(&self, ev: &PointerEvent);
    /// The drag ended without a drop (Esc, the browser took the pointer, capture was lost).
    fn cancel(&self);
    /// The pointer went up before the press became a drag.
    fn tap(&self, _ev: &PointerEvent) {}
    /// Whether a drag near the board's edges scrolls it (on every frame while the pointer is
    /// there, moving or not), calling `drag_to` again as the board moves under the pointer.
    fn scrolls_board(&self) -> bool {
        false
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Idle,
    Pressed { pointer: i32, from: (f64, f64) },
    Dragging { pointer: i32 },
}

fn point(ev: &PointerEvent) -> (f64, f64) {
    (f64::from(ev.client_x()), f64::from(ev.client_y()))
}

/// One element's press→drag state machine. Wire its element's `pointerdown` to [`Press::down`];
/// it hears the rest of the press itself, and Esc and lost captures through [`Gestures`].
pub struct Press<H> {
    state: StoredValue<State>,
    handler: H,
    gestures: Gestures,
    /// The latest move of a drag that scrolls the board, while frames scroll it.
    at_edge: StoredValue<Option<PointerEvent>, LocalStorage>,
}

impl<H: Copy> Clone for Press<H> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<H: Copy> Copy for Press<H> {}

impl<H: DragHandler> Press<H> {
    pub fn new(gestures: Gestures, handler: H) -> Self {
        Press {
            state: StoredValue::new(State::Idle),
            handler,
            gestures,
            at_edge: StoredValue::new_local(None),
        }
    }

    /// A press on the element that listens for it.
    pub fn down(self, ev: &PointerEvent) {
        if let Some(element) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            self.down_on(ev, element);
        }
    }

    /// A press on `element`, heard by a listener further up (one for many elements).
    pub fn down_on(self, ev: &PointerEvent, element: web_sys::Element) {
        if ev.button() != 0 || !self.handler.press(ev) {
            return;
        }
        let pointer = ev.pointer_id();
        // Without capture, a fast pointer leaves the element and its moves go elsewhere.
        let _ = element.set_pointer_capture(pointer);
        self.gestures.begin(Active {
            pointer,
            follow: Follow::on(element, self),
            cancel: Rc::new(move || self.cancel()),
        });
        self.state.set_value(State::Pressed {
            pointer,
            from: point(ev),
        });
    }

    fn moved(self, ev: &PointerEvent) {
        let pointer = ev.pointer_id();
        match self.state.get_value() {
            State::Pressed { pointer: p, from } if p == pointer => {
                if !position::is_drag(from, point(ev)) {
                    return;
                }
                self.state.set_value(State::Dragging { pointer });
                self.handler.start(from, ev);
            }
            State::Dragging { pointer: p } if p == pointer => {}
            _ => return,
        }
        self.handler.drag_to(ev);
        if self.handler.scrolls_board() {
            let scrolling = self.at_edge.with_value(Option::is_some);
            self.at_edge.set_value(Some(ev.clone()));
            if !scrolling {
                self.scroll_at_edge();
            }
        }
    }

    /// One frame of scrolling while the drag's pointer is near the board's edges, then the
    /// next, until it leaves them or the drag ends.
    fn scroll_at_edge(self) {
        request_animation_frame(move || {
            let dragging = matches!(self.state.try_get_value(), Some(State::Dragging { .. }));
            let ev = self.at_edge.try_get_value().flatten();
            match ev.filter(|ev| dragging && scroll_near_edges(point(ev))) {
                Some(ev) => {
                    self.handler.drag_to(&ev);
                    self.scroll_at_edge();
                }
                None => {
                    self.at_edge.try_set_value(None);
                }
            }
        });
    }

    fn up(self, ev: &PointerEvent) {
        let was = self.state.get_value();
        match was {
            State::Pressed { pointer, .. } | State::Dragging { pointer }
                if pointer == ev.pointer_id() =>
            {
                self.end(pointer);
            }
            _ => return,
        }
        if matches!(was, State::Dragging { .. }) {
            self.handler.drop(ev);
        } else {
            self.handler.tap(ev);
        }
    }

    /// Ends the press without a drop; says whether a drag was under way.
    pub fn cancel(self) -> bool {
        let Some(was) = self
            .state
            .try_update_value(|s| std::mem::replace(s, State::Idle))
        else {
            // Its element has gone (another tab changed the map mid-drag): the drag it
            // started still ends.
            self.handler.cancel();
            return true;
        };
        match was {
            State::Idle => return false,
            State::Pressed { pointer, .. } | State::Dragging { pointer } => {
                self.gestures.end(pointer);
            }
        }
        let dragging = matches!(was, State::Dragging { .. });
        if dragging {
            self.handler.cancel();
        }
        dragging
    }

    fn end(self, pointer: i32) {
        self.state.set_value(State::Idle);
        self.gestures.end(pointer);
    }
}

/// The press under way, so a key or a window event can end it.
struct Active {
    pointer: i32,
    /// The listeners on the element that captured the pointer, which go when the press ends.
    follow: Follow,
    cancel: Rc<dyn Fn() -> bool>,
}

type Listener = Closure<dyn FnMut(web_sys::PointerEvent)>;

/// The pressed element's listeners for the rest of the press: its moves, its release and the
/// browser taking the pointer away. Removed when dropped (a listener may drop itself: the press
/// ends inside `pointerup`, and wasm-bindgen frees a closure only once its call returns).
struct Follow {
    element: web_sys::Element,
    listeners: [(&'static str, Listener); 3],
}

impl Follow {
    fn on<H: DragHandler>(element: web_sys::Element, press: Press<H>) -> Self {
        let listeners: [(&'static str, Listener); 3] = [
            ("pointermove", Closure::new(move |ev| press.moved(&ev))),
            ("pointerup", Closure::new(move |ev| press.up(&ev))),
            (
                "pointercancel",
                Closure::new(move |_| {
                    press.cancel();
                }),
            ),
        ];
        for (name, listener) in &listeners {
            element
                .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .expect("an element takes listeners");
        }
        Follow { element, listeners }
    }
}

impl Drop for Follow {
    fn drop(&mut self) {
        for (name, listener) in &self.listeners {
            self.element
                .remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .expect("an element gives up its listeners");
        }
    }
}

impl Active {
    /// Whether a `lostpointercapture` for `pointer` means this press lost it. Taking capture
    /// from a child (a finger's implicit capture of the face inside a curve point) reports a
    /// loss too, while the element still holds the pointer.
    fn lost(&self, pointer: i32) -> bool {
        self.pointer == pointer && !self.follow.element.has_pointer_capture(pointer)
    }
}

/// The board's presses: one at a time, ended by Esc wherever focus is, and by a lost pointer
/// capture wherever it is reported (an element removed mid-drag reports it to the document).
#[derive(Clone, Copy)]
pub struct Gestures {
    active: StoredValue<Option<Active>, LocalStorage>,
}

impl Gestures {
    /// Gives the board its presses and listens for lost captures while it is shown.
    pub fn provide() -> Self {
        let gestures = Gestures {
            active: StoredValue::new_local(None),
        };
        let on_lost = window_event_listener(leptos::ev::lostpointercapture, move |ev| {
            let pointer = ev.pointer_id();
            if gestures
                .active
                .with_value(|a| a.as_ref().is_some_and(|a| a.lost(pointer)))
            {
                gestures.cancel();
            }
        });
        on_cleanup(move || on_lost.remove());
        provide_context(gestures);
        gestures
    }

    /// Esc cancels the press under way; returns whether it ended a drag (and so used the key).
    pub fn on_key(&self, ev: &web_sys::KeyboardEvent) -> bool {
        ev.key() == "Escape" && self.cancel()
    }

    fn cancel(&self) -> bool {
        // Taken out first: the press's own cancel comes back here to end it.
        let active = self.active.try_update_value(Option::take).flatten();
        active.is_some_and(|a| (a.cancel)())
    }

    /// A new press replaces any other: a second finger does not drag a second thing.
    fn begin(&self, active: Active) {
        self.cancel();
        self.active.set_value(Some(active));
    }

    fn end(&self, pointer: i32) {
        self.active.update_value(|a| {
            if a.as_ref().is_some_and(|a| a.pointer == pointer) {
                *a = None;
            }
        });
    }
}

/// Scrolls the board a step when a dragged pointer is near its edges, the more the closer it
/// is; whether it was near them.
fn scroll_near_edges((x, y): (f64, f64)) -> bool {
    let Some(scroller) = document().query_selector(".board-scroll").ok().flatten() else {
        return false;
    };
    let rect = scroller.get_bounding_client_rect();
    let dx = position::edge_scroll(x, rect.left(), rect.right());
    let dy = position::edge_scroll(y, rect.top(), rect.bottom());
    let near = dx != 0.0 || dy != 0.0;
    if near {
        scroller.scroll_by_with_x_and_y(dx, dy);
    }
    near
}
