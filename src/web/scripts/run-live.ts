/**
 * The run page's one script (served at /assets/run-live.js): asks for a
 * single-use ticket, opens the run's WebSocket and keeps the page current —
 * the progress bar and counters from each `job:progress`, the domain table
 * from the run itself (re-read at most once a second while events arrive),
 * the log's tail from `job:log`, and the summary on `job:complete` or
 * `job:error`. A dropped connection is reopened with a new ticket (1 s,
 * doubling up to 15 s). Plain ES2020, no build step, no framework.
 */
export const runLiveJs = `"use strict";
(function () {
  var root = document.getElementById("run");
  if (!root) return;
  var runId = root.getAttribute("data-run-id");
  var finished = root.getAttribute("data-finished") === "true";
  var unit = root.getAttribute("data-unit") || "domains";
  var $ = function (id) { return document.getElementById(id); };
  var status = $("live-status");
  var delay = 1000;
  var refreshTimer = null;
  var LOG_LINES = 200;

  function say(text) { if (status) status.textContent = text; }
  function setText(id, value) { var el = $(id); if (el && value !== undefined && value !== null) el.textContent = String(value); }
  function isDone(s) { return s === "succeeded" || s === "failed" || s === "cancelled"; }

  function setStatus(s) {
    var badge = $("run-status");
    if (badge && s) { badge.textContent = s; badge.className = "badge " + s; }
  }

  function setProgress(p, done, total, unit) {
    var bar = $("run-progress");
    if (bar && typeof p === "number") { bar.value = p; bar.textContent = p + "%"; }
    if (typeof done === "number" && typeof total === "number")
      setText("run-progress-text", done + " of " + total + " " + unit + " done (" + p + "%)");
  }

  function applyCounters(c) {
    ["domains_completed", "domains_failed", "emails_found", "emails_verified", "leads_found"].forEach(function (k) {
      if (typeof c[k] === "number") setText("stat-" + k, c[k]);
    });
  }

  function applyRun(view) {
    var pr = view.progress || {};
    var rescore = view.options && view.options.mode === "rescore";
    var done = rescore ? pr.leads_found : pr.domains_completed;
    var total = rescore ? pr.leads_total : pr.domains_total;
    var pct = !total ? 100 : Math.min(100, Math.round((done / total) * 100));
    setStatus(view.status);
    setProgress(pct, done, total, rescore ? "leads" : "domains");
    applyCounters(pr);
    (view.domain_details || []).forEach(function (d) {
      var row = document.querySelector('tr[data-domain="' + CSS.escape(d.domain) + '"]');
      if (!row) return;
      row.querySelectorAll("[data-field]").forEach(function (cell) {
        var f = cell.getAttribute("data-field");
        if (f === "status") {
          var b = cell.querySelector(".badge");
          if (b) { b.textContent = d.status; b.className = "badge " + d.status; }
        } else {
          cell.textContent = d[f] === null || d[f] === undefined ? "" : String(d[f]);
        }
      });
    });
    if (isDone(view.status)) finish(view);
  }

  function finish(view) {
    finished = true;
    root.setAttribute("data-finished", "true");
    var pr = view.progress || {};
    var failed = pr.domains_failed ? ", " + pr.domains_failed + " failed" : "";
    var summary = $("run-summary");
    if (summary) {
      summary.textContent = (view.status === "succeeded" ? "Finished" : "Run " + view.status) + ": " +
        pr.leads_found + " leads from " + pr.domains_completed + " of " + pr.domains_total + " domains" + failed + ".";
      summary.hidden = false;
    }
    var cancel = $("cancel-form");
    if (cancel) cancel.remove();
    say("This run has finished.");
  }

  function refreshRun() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () {
      refreshTimer = null;
      fetch("/runs/" + encodeURIComponent(runId), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (view) { if (view) applyRun(view); })
        .catch(function () {});
    }, 1000);
  }

  function appendLog(level, message, at) {
    var list = $("run-log");
    if (!list) return;
    var empty = $("log-empty");
    if (empty) empty.remove();
    var li = document.createElement("li");
    li.className = level || "info";
    var time = document.createElement("time");
    time.dateTime = at || new Date().toISOString();
    time.textContent = (at || new Date().toISOString()).slice(11, 19);
    li.appendChild(time);
    li.appendChild(document.createTextNode(" " + message));
    list.appendChild(li);
    while (list.children.length > LOG_LINES) list.removeChild(list.firstElementChild);
    list.scrollTop = list.scrollHeight;
  }

  function onFrame(frame) {
    var d = frame.data || {};
    switch (frame.event) {
      case "snapshot":
        applyRun(d);
        break;
      case "job:update":
      case "job:progress":
        setStatus(d.status);
        setProgress(d.progress, d.processedLeads, d.totalLeads, unit);
        applyCounters(d);
        refreshRun();
        break;
      case "job:log":
        appendLog(d.level, d.message, d.timestamp);
        break;
      case "job:complete":
      case "job:error":
        if (d.message) appendLog("error", d.message);
        finished = true; // the room closes the socket now: no reconnecting
        refreshRun();
        break;
    }
  }

  function connect() {
    if (finished) return;
    say("Connecting for live updates…");
    fetch("/runs/" + encodeURIComponent(runId) + "/events/ticket", { method: "POST", credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("ticket " + r.status); return r.json(); })
      .then(function (t) {
        var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + t.url);
        ws.onopen = function () { delay = 1000; say("Live: this page updates by itself."); };
        ws.onmessage = function (m) {
          if (m.data === "pong") return;
          try { onFrame(JSON.parse(m.data)); } catch (e) { /* a frame we do not understand */ }
        };
        ws.onclose = function () { if (!finished) retry(); };
      })
      .catch(retry);
  }

  function retry() {
    if (finished) return;
    say("Live updates interrupted; reconnecting in " + Math.round(delay / 1000) + " s…");
    setTimeout(connect, delay);
    delay = Math.min(delay * 2, 15000);
  }

  connect();
})();
`;
