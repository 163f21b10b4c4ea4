// Live projector: the server sends the whole board (HTML it escaped) on every change.
// Without JavaScript, <noscript> refreshes the page every 2 seconds instead.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.EventSource) {
    setInterval(function () { window.location.reload(); }, 2000);
    return;
  }
  var source = null;
  var note = document.createElement("p");
  note.className = "farewell";
  note.setAttribute("role", "status");
  note.hidden = true;
  board.parentNode.insertBefore(note, board);
  function connect() {
    if (source) { source.close(); }
    source = new EventSource(board.getAttribute("data-events"));
    source.addEventListener("board", function (event) {
      note.hidden = true;
      var fresh = new DOMParser().parseFromString("<div>" + event.data + "</div>", "text/html");
      board.replaceChildren.apply(board, Array.prototype.slice.call(fresh.body.firstChild.childNodes));
    });
    // The server is stopping: say so, and try again every few seconds until it is back.
    source.addEventListener("bye", function (event) {
      note.textContent = event.data;
      note.hidden = false;
      source.close();
      setTimeout(connect, 5000);
    });
  }
  connect();
  // Phones and tablets kill background streams silently: reopen when shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { connect(); }
  });
})();
