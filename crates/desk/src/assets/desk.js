// claimledger desk: keyboard shortcuts. Every page works without this file.
// j / k: next / previous claim (on a claim page) or row (in the queue); Enter opens the row;
// r: focus the review form.
(function () {
  "use strict";
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-href]"));
  var sel = -1;
  function select(i) {
    if (!rows.length) return;
    if (sel >= 0) rows[sel].classList.remove("sel");
    sel = Math.max(0, Math.min(rows.length - 1, i));
    rows[sel].classList.add("sel");
    rows[sel].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (e) {
    if (typing(e) || e.altKey || e.ctrlKey || e.metaKey) return;
    var next = document.getElementById("next-claim");
    var prev = document.getElementById("prev-claim");
    if (e.key === "j") {
      if (rows.length) select(sel + 1); else if (next) window.location.href = next.href;
    } else if (e.key === "k") {
      if (rows.length) select(sel - 1); else if (prev) window.location.href = prev.href;
    } else if (e.key === "Enter" && rows.length && sel >= 0) {
      window.location.href = rows[sel].getAttribute("data-href");
    } else if (e.key === "r") {
      var field = document.getElementById("review-status");
      if (field) { e.preventDefault(); field.focus(); }
    }
  });
})();
