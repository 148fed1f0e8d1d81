// Count the messages the page sends the server (Streamlit's websocket), in window.__sentMessages.
() => {
  if (window.__sentMessages !== undefined) return;
  window.__sentMessages = 0;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) {
    window.__sentMessages += 1;
    return send.apply(this, args);
  };
}
