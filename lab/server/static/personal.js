// OrderLens Ask page: what a person keeps — saved questions and thumbs up / down on answers.
// Plain JS, no framework. Uses window.OrderLens (app.js: api, askChain, lang) and listens to
// its "orderlens:answer" / "orderlens:lang" events; every list is the signed-in user's own
// (api/saved, api/feedback record the user on the server, never a field sent from here).
(function () {
  "use strict";
  const OL = window.OrderLens;
  if (!OL) return;

  const TEXT = {
    zh: {
      saved: "收藏的问题", save: "☆ 收藏", saved_ok: "已收藏", none: "还没有收藏的问题",
      rename: "重命名", unsave: "取消收藏", ok: "保存", cancel: "取消",
      helpful: "这个答案对吗？", up: "✓ 对", down: "✕ 不对", comment: "可选：说说哪里不对或为什么对",
      send: "发送反馈", thanks: "谢谢！反馈已记录。", failed: "操作失败：",
      refusal_helpful: "拒答合理吗？", signed_in_as: "当前用户：", sign_out: "退出登录",
    },
    en: {
      saved: "Saved questions", save: "☆ Save", saved_ok: "Saved", none: "No saved questions yet",
      rename: "Rename", unsave: "Unsave", ok: "Save", cancel: "Cancel",
      helpful: "Is this answer right?", up: "✓ Right", down: "✕ Wrong",
      comment: "Optional: what is wrong, or why it is right", send: "Send feedback",
      thanks: "Thank you: your feedback is recorded.", failed: "Failed: ",
      refusal_helpful: "Was refusing right?", signed_in_as: "Signed in as ", sign_out: "Sign out",
    },
  };
  const t = (key) => TEXT[OL.lang()][key];
  const el = (tag, props, children) => {
    const node = Object.assign(document.createElement(tag), props || {});
    (children || []).forEach((c) => node.appendChild(c));
    return node;
  };
  const post = (path, body, method) =>
    OL.api(path, { method: method || "POST", body: JSON.stringify(body) });
  const denied = (status) => status === 401 || status === 403;

  // ---- who is signed in ------------------------------------------------------------------
  // Why: a link carrying a token signs a browser in as the link's owner; the page must say
  // whose history, saved questions and decisions these are (red team s17). The name is set
  // as text (never HTML); signing out is the server's own page, a POST with the XSRF token.
  const who = el("span", { id: "whoami", className: "muted", hidden: true });
  const whoName = el("strong", { id: "whoami-name" });
  const whoText = el("span");
  const signOut = el("a", { id: "sign-out", href: "../logout" });
  who.append(whoText, whoName, document.createTextNode(" · "), signOut);
  document.querySelector("header").insertBefore(who, document.getElementById("lang"));
  let me = null;
  const showWho = () => {
    if (!me || !me.name) { who.hidden = true; return; }
    whoText.textContent = t("signed_in_as");
    whoName.textContent = me.role ? `${me.name} (${me.role})` : me.name;
    signOut.textContent = t("sign_out");
    who.hidden = false;
  };
  OL.api("me").then(({ status, body }) => { if (status === 200) { me = body; showWho(); } });

  // ---- saved questions -------------------------------------------------------------------
  const savedBox = el("section", { id: "saved-box" }, [
    el("h2", { id: "saved-title" }), el("ol", { id: "saved" }),
  ]);
  const historyBox = document.getElementById("history-box");
  historyBox.parentNode.insertBefore(savedBox, historyBox);

  let current = null; // the answer on screen: {status, body, sent, questions}

  async function loadSaved() {
    document.getElementById("saved-title").textContent = t("saved");
    const { status, body } = await OL.api("saved");
    const list = document.getElementById("saved");
    list.replaceChildren();
    if (status !== 200) return;
    if (!body.saved.length) {
      list.appendChild(el("li", { className: "muted", textContent: t("none") }));
      return;
    }
    body.saved.forEach((s) => list.appendChild(savedItem(s)));
  }

  function savedItem(s) {
    const name = el("a", { href: "#", className: "saved-run", textContent: s.name,
      title: s.questions.join(" → ") });
    name.addEventListener("click", (ev) => { ev.preventDefault(); OL.askChain(s.questions); });
    const rename = el("button", { type: "button", className: "link saved-rename", textContent: t("rename") });
    const unsave = el("button", { type: "button", className: "link saved-unsave", textContent: t("unsave") });
    const li = el("li", { className: "saved-item" }, [name, rename, unsave]);
    li.dataset.id = s.id;
    rename.addEventListener("click", () => editName(li, s));
    unsave.addEventListener("click", async () => {
      const { status, body } = await OL.api("saved/" + s.id, { method: "DELETE" });
      if (denied(status)) { OL.signIn(); return; }
      if (status !== 204) report(body); else loadSaved();
    });
    return li;
  }

  function editName(li, s) {
    const input = el("input", { type: "text", value: s.name, maxLength: 80, className: "saved-name" });
    const ok = el("button", { type: "button", className: "secondary saved-ok", textContent: t("ok") });
    const cancel = el("button", { type: "button", className: "link", textContent: t("cancel") });
    li.replaceChildren(input, ok, cancel);
    input.focus();
    cancel.addEventListener("click", loadSaved);
    const save = async () => {
      const { status, body } = await post("saved/" + s.id, { name: input.value }, "PATCH");
      if (denied(status)) { OL.signIn(); return; }
      if (status !== 200) report(body); else loadSaved();
    };
    ok.addEventListener("click", save);
    input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") save(); });
  }

  function report(body) {
    document.getElementById("status").textContent = t("failed") + ((body && body.error) || "");
  }

  // the ☆ button among the answer's actions saves the conversation on screen
  const saveButton = el("button", { type: "button", id: "save-question", className: "secondary" });
  document.querySelector("#answer .actions").appendChild(saveButton);
  saveButton.addEventListener("click", async () => {
    if (!current) return;
    const { status, body } = await post("saved", { questions: current.questions });
    if (denied(status)) { OL.signIn(); return; }
    if (status !== 201) { report(body); return; }
    saveButton.textContent = t("saved_ok");
    loadSaved();
  });

  // ---- thumbs up / down --------------------------------------------------------------------
  function feedbackBar(id) {
    const up = el("button", { type: "button", className: "secondary thumb", textContent: "" });
    const down = el("button", { type: "button", className: "secondary thumb", textContent: "" });
    up.dataset.rating = "up"; down.dataset.rating = "down";
    const label = el("span", { className: "muted fb-label" });
    const comment = el("textarea", { className: "fb-comment", maxLength: 1000, rows: 2, hidden: true });
    const send = el("button", { type: "button", className: "fb-send", hidden: true });
    const done = el("span", { className: "muted fb-done" });
    const bar = el("div", { id, className: "feedback" }, [label, up, down, comment, send, done]);
    let rating = null;
    [up, down].forEach((b) => b.addEventListener("click", () => {
      rating = b.dataset.rating;
      up.classList.toggle("chosen", rating === "up");
      down.classList.toggle("chosen", rating === "down");
      comment.hidden = false; send.hidden = false; done.textContent = "";
      comment.focus();
    }));
    send.addEventListener("click", async () => {
      if (!current || !rating) return;
      const payload = { question: current.sent.question, rating, questions: current.questions };
      if (current.sent.context) payload.context = current.sent.context;
      if (comment.value.trim()) payload.comment = comment.value.trim();
      const { status, body } = await post("feedback", payload);
      if (denied(status)) { OL.signIn(); return; }
      if (status !== 201) { done.textContent = t("failed") + (body.error || status); return; }
      done.textContent = t("thanks");
      comment.hidden = true; send.hidden = true;
    });
    bar.reset = (refusal) => {
      rating = null; comment.value = ""; comment.hidden = true; send.hidden = true;
      done.textContent = ""; up.classList.remove("chosen"); down.classList.remove("chosen");
      label.textContent = t(refusal ? "refusal_helpful" : "helpful");
      up.textContent = t("up"); down.textContent = t("down");
      comment.placeholder = t("comment"); send.textContent = t("send");
    };
    return bar;
  }
  const answerBar = feedbackBar("feedback");
  document.getElementById("sql-box").before(answerBar);
  const refusalBar = feedbackBar("refusal-feedback");
  document.getElementById("refusal").appendChild(refusalBar);

  document.addEventListener("orderlens:answer", (ev) => {
    const answered = ev.detail.status === 200 || ev.detail.status === 422;
    current = answered ? ev.detail : null;
    refusalBar.hidden = !answered;
    saveButton.textContent = t("save");
    answerBar.reset(false);
    refusalBar.reset(true);
  });
  document.addEventListener("orderlens:lang", () => {
    showWho();
    if (current) { answerBar.reset(false); refusalBar.reset(true); saveButton.textContent = t("save"); }
    loadSaved();
  });
  loadSaved();
})();
