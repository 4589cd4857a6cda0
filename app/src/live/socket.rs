//! One WebSocket to the server's live endpoint. Its handlers live as long as it does, and
//! dropping it closes it without calling them.

use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// What happened on the socket.
pub enum Event {
    Open,
    Text(String),
    /// The connection ended: the server's close code and reason, or 1006 when it dropped.
    Closed {
        code: u16,
        reason: String,
    },
}

pub struct Socket {
    ws: WebSocket,
    _open: Closure<dyn FnMut()>,
    _message: Closure<dyn FnMut(MessageEvent)>,
    _close: Closure<dyn FnMut(CloseEvent)>,
}

/// `wss://host/api/maps/{id}/live` for the page's own origin.
fn url(share: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = match location.protocol().ok()?.as_str() {
        "https:" => "wss",
        _ => "ws",
    };
    let host = location.host().ok()?;
    Some(format!("{scheme}://{host}/api/maps/{share}/live"))
}

impl Socket {
    /// Connects to the live endpoint of shared map `share`; `None` when the browser refuses to
    /// make the socket at all.
    pub fn open(share: &str, on: impl Fn(Event) + 'static) -> Option<Socket> {
        let ws = WebSocket::new(&url(share)?).ok()?;
        let on = Rc::new(on);
        let opened = Rc::clone(&on);
        let open = Closure::<dyn FnMut()>::new(move || opened(Event::Open));
        let received = Rc::clone(&on);
        let message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(text) = ev.data().as_string() {
                received(Event::Text(text));
            }
        });
        let close = Closure::<dyn FnMut(CloseEvent)>::new(move |ev: CloseEvent| {
            on(Event::Closed {
                code: ev.code(),
                reason: ev.reason(),
            })
        });
        ws.set_onopen(Some(open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(close.as_ref().unchecked_ref()));
        Some(Socket {
            ws,
            _open: open,
            _message: message,
            _close: close,
        })
    }

    /// Sends a text frame; whether the socket was open to take it.
    pub fn send(&self, text: &str) -> bool {
        self.ws.ready_state() == WebSocket::OPEN && self.ws.send_with_str(text).is_ok()
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}
