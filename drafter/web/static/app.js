// drafter's web form: saves what the clerk types (never partial pinyin), keeps live figures as chips, and shows
// what the server says (numbers, values, findings, preview). Every rule is the server's; this file only moves
// text between the page and the server.
"use strict";

(() => {
  const stateNode = document.getElementById("state");
  if (!stateNode) return;
  const state = JSON.parse(stateNode.textContent);
  const t = state.t;
  const base = `/api/r/${encodeURIComponent(state.name)}/${encodeURIComponent(state.tab)}`;
  const status = document.getElementById("status");
  const pending = new Map(); // what waits to be saved: key -> {url, body}
  const timers = new Map();
  const removed = new Map(); // part key -> stack of removed items (for undo)
  let composing = false;
  let refreshTimer = null;
  let lastPara = null;

  const show = (text, bad) => {
    status.textContent = text;
    status.classList.toggle("bad", !!bad);
  };

  // ---- saving ---------------------------------------------------------------------------------------------------
  async function send(key) {
    const job = pending.get(key);
    if (!job) return;
    pending.delete(key);
    show(t.saving);
    try {
      const response = await fetch(base + job.url, {
        method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(job.body),
        credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({error: response.statusText}));
      if (!response.ok) {
        show(`${t.not_saved}: ${answer.error || response.statusText}`, true);
        return answer;
      }
      show(`${t.saved} ${answer.saved}`);
      applyValues(answer.values);
      if (answer.numbers) applyNumbers(job.body.part, answer.numbers);
      if (answer.table) applyTable(answer.table);
      scheduleRefresh();
      return answer;
    } catch (error) {
      pending.set(key, job); // try again with the next change or on leaving
      show(`${t.not_saved}: ${error}`, true);
    }
  }

  function schedule(key, url, body, delay = 600) {
    if (!state.writes) return;
    pending.set(key, {url, body});
    clearTimeout(timers.get(key));
    show(t.editing);
    timers.set(key, setTimeout(() => { if (!composing) send(key); }, delay));
  }

  function flushWithBeacon() {
    for (const [key, job] of pending) {
      navigator.sendBeacon(base + job.url, new Blob([JSON.stringify(job.body)], {type: "application/json"}));
      pending.delete(key);
    }
  }

  // ---- parts: the page's outline back to the answers' shape -------------------------------------------------------
  function paraText(node) {
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += child.data;
      else if (child.classList && child.classList.contains("fig")) out += `[[fig:${child.dataset.fig}]]`;
      else if (child.nodeName !== "BR") out += paraText(child);
    }
    return out;
  }

  const paragraphs = (paras) => paras ? [...paras.children].filter((p) => p.classList.contains("para"))
    .map((p) => ({text: paraText(p), provenance: p.dataset.prov || "typed"})).filter((p) => p.text.trim()) : [];

  function items(list) {
    if (!list) return [];
    return [...list.children].filter((li) => li.classList.contains("item")).map((li) => ({
      heading: li.querySelector(":scope > .item-head .heading").value,
      run_in: li.querySelector(":scope > .item-head .run-in").checked,
      provenance: li.dataset.prov || "typed",
      paragraphs: paragraphs(li.querySelector(":scope > .paras")),
      items: items(li.querySelector(":scope > .items")),
    }));
  }

  function partBody(section) {
    return {part: section.dataset.key, intro: paragraphs(section.querySelector(":scope > .paras")),
            items: items(section.querySelector(":scope > .items"))};
  }

  function savePart(section, delay) {
    renumberPaths(section);
    schedule(`part:${section.dataset.key}`, `/part/${encodeURIComponent(section.dataset.key)}`, partBody(section),
             delay);
  }

  function renumberPaths(section) {
    const walk = (list, at) => {
      if (!list) return;
      [...list.children].filter((li) => li.classList.contains("item")).forEach((li, index) => {
        const path = at ? `${at}.${index}` : `${index}`;
        li.dataset.path = path;
        walk(li.querySelector(":scope > .items"), path);
      });
    };
    walk(section.querySelector(":scope > .items"), "");
  }

  function applyNumbers(key, numbers) {
    const section = document.querySelector(`section.part[data-key="${CSS.escape(key)}"]`);
    if (!section) return;
    for (const li of section.querySelectorAll("li.item")) {
      const number = li.querySelector(":scope > .item-head .num");
      if (number) number.textContent = numbers[li.dataset.path] || "";
    }
  }

  function applyValues(values) {
    if (!values) return;
    for (const chip of document.querySelectorAll("span.fig[data-fig]")) {
      const key = chip.dataset.fig;
      if (key in values) chip.textContent = `${state.labels[key] || key}=${values[key]}`;
    }
    for (const out of document.querySelectorAll("output[data-shown]")) {
      if (out.dataset.shown in values) out.textContent = values[out.dataset.shown];
    }
  }

  function applyTable(table) {
    const grid = document.querySelector(`table[data-table="${CSS.escape(table.key)}"]`);
    if (!grid) return;
    for (const row of table.rows) {
      for (const cell of row) {
        if (!cell.row) continue;
        const selector = `[data-row="${CSS.escape(cell.row)}"][data-column="${CSS.escape(cell.column)}"]`;
        const node = grid.querySelector(`td.computed${selector}`) || grid.querySelector(`input${selector}`)?.parentElement;
        if (!node) continue;
        if (node.classList.contains("computed")) node.textContent = cell.text;
        node.classList.toggle("broken", cell.marks.length > 0);
        if (cell.marks.length) node.title = cell.marks.join("; "); else node.removeAttribute("title");
      }
    }
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 800);
  }

  async function refresh() {
    const response = await fetch(`${base}/state`, {credentials: "same-origin"});
    if (!response.ok) return;
    const answer = await response.json();
    document.getElementById("preview-body").innerHTML = answer.preview;
    applyValues(answer.values);
    const list = document.getElementById("finding-list");
    list.replaceChildren();
    for (const f of answer.findings) {
      const li = document.createElement("li");
      li.className = f.severity;
      const a = document.createElement("a");
      a.href = `#part-${f.section}`;
      a.dataset.path = f.path;
      a.textContent = f.message;
      li.append(a);
      if (f.excerpt) { const q = document.createElement("q"); q.textContent = f.excerpt; li.append(" ", q); }
      list.append(li);
    }
    if (!answer.findings.length) {
      const li = document.createElement("li"); li.className = "none"; li.textContent = t.no_findings; list.append(li);
    }
    document.getElementById("finding-count").textContent = answer.findings.length;
  }

  // ---- editing a part ---------------------------------------------------------------------------------------------
  const newPara = (html = "") => {
    const p = document.createElement("div");
    p.className = "para";
    p.setAttribute("role", "textbox");
    p.setAttribute("aria-multiline", "true");
    p.contentEditable = state.writes ? "true" : "false";
    p.dataset.prov = "typed";
    p.innerHTML = html;
    return p;
  };

  function newItem() {
    const template = document.getElementById("item-template");
    const li = template.content.firstElementChild.cloneNode(true);
    li.querySelector(":scope > .paras").append(newPara());
    return li;
  }

  function ensureList(holder) {
    let list = holder.querySelector(":scope > .items");
    if (!list) { list = document.createElement("ol"); list.className = "items"; holder.append(list); }
    return list;
  }

  document.addEventListener("compositionstart", () => { composing = true; });
  document.addEventListener("compositionend", (event) => {
    composing = false;
    changed(event.target);
  });

  function changed(target) {
    if (!state.writes || !(target instanceof Element)) return;
    const section = target.closest("section.part");
    if (section) { savePart(section); return; }
    if (target.dataset.basic) {
      schedule(`basic:${target.dataset.basic}`, "/basics", {[target.dataset.basic]: target.value});
    } else if (target.classList.contains("figure")) {
      schedule(`figure:${target.dataset.key}`, "/figure", {key: target.dataset.key, value: target.value});
    }
  }

  document.addEventListener("input", (event) => {
    if (event.isComposing || composing) return; // never save or react to partial pinyin
    const target = event.target;
    if (target.classList && target.classList.contains("cell-input")) {
      const grid = target.closest("table[data-table]");
      schedule(`cell:${grid.dataset.table}:${target.dataset.row}:${target.dataset.column}`, "/cell",
               {table: grid.dataset.table, row: target.dataset.row, column: target.dataset.column,
                value: target.value});
      return;
    }
    changed(target);
  });
  document.addEventListener("change", (event) => {
    if (event.target.classList && event.target.classList.contains("run-in")) changed(event.target);
  });

  document.addEventListener("focusin", (event) => {
    if (event.target.classList && event.target.classList.contains("para")) lastPara = event.target;
  });

  document.addEventListener("keydown", (event) => {
    const para = event.target.closest && event.target.closest(".para");
    if (!para || !state.writes || event.isComposing || composing) return;
    if (event.key === "Enter" && !event.shiftKey) { // a new paragraph: the text after the caret moves into it
      event.preventDefault();
      const selection = window.getSelection();
      if (!selection.rangeCount) return;
      const range = selection.getRangeAt(0);
      range.deleteContents();
      const tail = document.createRange();
      tail.setStart(range.endContainer, range.endOffset);
      tail.setEndAfter(para.lastChild || para);
      const moved = para.lastChild ? tail.extractContents() : document.createDocumentFragment();
      const next = newPara();
      next.append(moved);
      para.after(next);
      next.focus();
      changed(para);
    } else if (event.key === "Backspace" && paraText(para) === "" && para.parentElement.children.length > 1) {
      event.preventDefault(); // an empty paragraph goes; the caret goes to the end of the one before
      const before = para.previousElementSibling || para.nextElementSibling;
      const section = para.closest("section.part");
      para.remove();
      before.focus();
      const range = document.createRange();
      range.selectNodeContents(before);
      range.collapse(false);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      savePart(section, 0);
    }
  });

  document.addEventListener("paste", (event) => { // plain text only: no styles or pictures from other programs
    if (!(event.target.closest && event.target.closest(".para"))) return;
    event.preventDefault();
    const text = (event.clipboardData || window.clipboardData).getData("text/plain");
    document.execCommand("insertText", false, text);
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-act]");
    if (!button || !state.writes) return;
    const section = button.closest("section.part");
    const li = button.closest("li.item");
    const act = button.dataset.act;
    if (act === "up" && li.previousElementSibling) li.previousElementSibling.before(li);
    else if (act === "down" && li.nextElementSibling) li.nextElementSibling.after(li);
    else if (act === "para") li.querySelector(":scope > .paras").append(newPara());
    else if (act === "sub") ensureList(li).append(newItem());
    else if (act === "add-item") ensureList(section).append(newItem());
    else if (act === "add-intro") section.querySelector(":scope > .paras").append(newPara());
    else if (act === "remove") {
      const stack = removed.get(section.dataset.key) || [];
      stack.push({node: li, parent: li.parentElement, next: li.nextElementSibling});
      removed.set(section.dataset.key, stack);
      li.remove();
      section.querySelector("button[data-act=undo]").disabled = false;
    } else if (act === "undo") {
      const stack = removed.get(section.dataset.key) || [];
      const last = stack.pop();
      if (last) last.parent.insertBefore(last.node, last.next && last.next.isConnected ? last.next : null);
      button.disabled = stack.length === 0;
    } else return;
    savePart(section, 0);
  });

  document.addEventListener("change", (event) => {
    const select = event.target.closest && event.target.closest("select.snippet");
    if (!select || !select.value) return;
    const section = select.closest("section.part");
    const html = state.snippets[select.value];
    const para = newPara(html);
    if (lastPara && lastPara.isConnected && section.contains(lastPara)) lastPara.after(para);
    else section.querySelector(":scope > .paras").append(para);
    select.value = "";
    para.focus();
    savePart(section, 0);
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest("#finding-list a[data-path]");
    if (!link || !link.dataset.path) return;
    const section = document.querySelector(link.getAttribute("href"));
    const target = section && section.querySelector(`li.item[data-path="${CSS.escape(link.dataset.path.split(".").slice(0, -1).join("."))}"]`);
    if (target) { event.preventDefault(); target.scrollIntoView(); (target.querySelector(".para") || target).focus(); }
  });

  const fixButton = document.getElementById("fix");
  if (fixButton) fixButton.addEventListener("click", async () => {
    pending.set("fix", {url: "/fix", body: {}});
    const answer = await send("fix");
    if (answer && !answer.error) window.location.reload();
  });

  // ---- being there, and leaving -----------------------------------------------------------------------------------
  const takeOver = document.getElementById("take-over");
  if (takeOver) takeOver.addEventListener("click", async () => {
    if (!window.confirm(t.take_over)) return;
    const response = await fetch(`${base}/takeover`, {method: "POST", credentials: "same-origin"});
    if (response.ok) window.location.reload();
  });
  setInterval(async () => {
    const response = await fetch(`${base}/ping`, {method: "POST", credentials: "same-origin"});
    const answer = await response.json().catch(() => null);
    if (answer && answer.writes !== state.writes) window.location.reload(); // another tab took over, or let go
  }, 15000);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flushWithBeacon(); });
  window.addEventListener("pagehide", () => {
    flushWithBeacon();
    navigator.sendBeacon(`${base}/leave`, new Blob(["{}"], {type: "application/json"}));
  });
  window.drafterPending = () => pending.size;
})();
