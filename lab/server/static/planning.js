// OrderLens Ask page: the planners' recommendations tab — shipping-window proposals grouped per
// lane and ship week with the saving per unit ("本周发往德国的2单延迟5天出货，可节省…/件"),
// accepted or rejected per group with a comment. Shown only to roles that may use it
// (api/me: planner, analyst); the server refuses the routes to every other role (403) anyway.
(function () {
  "use strict";
  const OL = window.OrderLens;
  if (!OL) return;

  const TEXT = {
    zh: {
      plans_tab: "发货建议", title: "发货窗口建议（按线路和周）",
      status: "状态", proposed: "待决定", accepted: "已接受", rejected: "已拒绝", expired: "已过期",
      none: "没有这个状态的建议。", lane: "线路", week: "就绪周", delay: "延迟", days: "天",
      orders: "订单", units: "件数", per_unit: "每件节省", total: "共节省", ship: "发货日期",
      ids: "包含的建议", comment: "备注（拒绝时必填）", accept: "接受", reject: "拒绝",
      decided: (n, who) => `已记录 ${n} 条决定（${who}）`, failed: "未能决定：",
      planning: (d) => `计划日期 ${d}`, reviewer: "决定人",
    },
    en: {
      plans_tab: "Shipping recommendations",
      title: "Shipping-window recommendations per lane and week", status: "Status",
      proposed: "proposed", accepted: "accepted", rejected: "rejected", expired: "expired",
      none: "No recommendations with this status.", lane: "Lane", week: "Ready week",
      delay: "Delay", days: "days", orders: "Orders", units: "Units", per_unit: "Saving / unit",
      total: "Saving", ship: "Ship dates", ids: "Recommendations in this group",
      comment: "Comment (required to reject)", accept: "Accept", reject: "Reject",
      decided: (n, who) => `${n} decisions recorded (${who})`, failed: "Not decided: ",
      planning: (d) => `planning date ${d}`, reviewer: "Decided by",
    },
  };
  const t = (key, ...args) => {
    const v = TEXT[OL.lang()][key];
    return typeof v === "function" ? v(...args) : v;
  };
  const el = (tag, props, children) => {
    const node = Object.assign(document.createElement(tag), props || {});
    (children || []).forEach((c) => node.appendChild(c));
    return node;
  };
  const money = (v) => Number(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  let me = null;
  // the page's tab bar (app.js): one more button and one more panel, shown only to planners
  const tabButton = el("button", { type: "button", id: "tab-plans", className: "tab", hidden: true });
  tabButton.dataset.tab = "plans";
  tabButton.setAttribute("role", "tab");
  document.getElementById("tabs").appendChild(tabButton);
  const filter = el("select", { id: "plans-status" });
  ["proposed", "accepted", "rejected", "expired"].forEach((s) => filter.appendChild(el("option", { value: s })));
  const panel = el("section", { id: "plans", className: "tab-panel", hidden: true }, [
    el("h2", { id: "plans-title" }),
    el("label", { className: "muted" }, [el("span", { id: "plans-status-label" }), filter]),
    el("p", { id: "plans-message", className: "muted", role: "status" }),
    el("div", { id: "plan-groups" }),
  ]);
  panel.dataset.panel = "plans";
  document.querySelector("main").appendChild(panel);
  document.addEventListener("orderlens:tab", (ev) => { if (ev.detail.tab === "plans") loadGroups(); });
  filter.addEventListener("change", loadGroups);

  function labels() {
    tabButton.textContent = t("plans_tab");
    document.getElementById("plans-title").textContent = t("title");
    document.getElementById("plans-status-label").textContent = t("status") + " ";
    Array.from(filter.options).forEach((o) => { o.textContent = t(o.value); });
  }

  // the group's numbers on one wrapping line (label: value), so a week of lanes fits a screen
  function numbers(g) {
    const item = (k, v) => el("span", { className: "plan-number" }, [
      el("span", { className: "muted", textContent: t(k) + " " }), el("b", { textContent: v })]);
    const ship = g.first_ship_date === g.last_ship_date ? g.first_ship_date : `${g.first_ship_date} ~ ${g.last_ship_date}`;
    return el("div", { className: "plan-numbers" }, [
      item("lane", `${g.lane} · ${g.shipping_mode} · ${g.destination_country}`),
      item("week", g.week_start), item("delay", `${g.delay_days} ${t("days")}`),
      item("orders", String(g.orders)), item("units", String(g.units)),
      item("per_unit", `¥${money(g.saving_per_unit)}`), item("total", `¥${money(g.expected_saving)}`),
      item("ship", ship),
    ]);
  }

  function groupCard(g) {
    const ids = el("details", {}, [el("summary", { textContent: `${t("ids")} (${g.recommendation_ids.length})` }),
      el("p", { className: "muted plan-ids", textContent: g.recommendation_ids.join(", ") })]);
    const card = el("article", { className: "plan-group" }, [
      el("p", { className: "plan-sentence", textContent: OL.lang() === "zh" ? g.sentence_zh : g.sentence_en }),
      numbers(g), ids,
    ]);
    card.dataset.group = g.group_key;
    if (g.status === "proposed" && me && me.may_decide) {
      const comment = el("input", { type: "text", className: "plan-comment", maxLength: 1000, placeholder: t("comment") });
      const result = el("p", { className: "plan-result muted" });
      const act = (decision) => async () => {
        const body = { recommendation_ids: g.recommendation_ids, decision };
        if (comment.value.trim()) body.comment = comment.value.trim();
        const { status, body: got } = await OL.api("recommendation-groups/decide",
          { method: "POST", body: JSON.stringify(body) });
        if (status === 401 || status === 403) { OL.signIn(); return; }
        if (status !== 200) { result.textContent = t("failed") + (got.error || status); return; }
        const fails = (got.failed || []).map((f) => `${f.recommendation_id}: ${f.error}`);
        document.getElementById("plans-message").textContent =
          t("decided", got.decided.length, me.name) + (fails.length ? " · " + t("failed") + fails.join("; ") : "");
        loadGroups(true);
      };
      const accept = el("button", { type: "button", className: "plan-accept", textContent: t("accept") });
      const reject = el("button", { type: "button", className: "secondary plan-reject", textContent: t("reject") });
      accept.addEventListener("click", act("accept"));
      reject.addEventListener("click", act("reject"));
      card.appendChild(el("div", { className: "plan-actions" }, [comment, accept, reject]));
      card.appendChild(result);
    } else if (g.status !== "proposed") {
      card.appendChild(el("p", { className: "muted", textContent: t(g.status) }));
    }
    return card;
  }

  async function loadGroups(keepMessage) {
    labels();
    if (keepMessage !== true) document.getElementById("plans-message").textContent = "";
    const box = document.getElementById("plan-groups");
    const { status, body } = await OL.api("recommendation-groups?status=" + encodeURIComponent(filter.value));
    if (status === 401 || status === 403) { box.replaceChildren(); return; }
    if (status !== 200) { box.replaceChildren(el("p", { textContent: t("failed") + (body.error || status) })); return; }
    if (body.as_of) document.getElementById("plans-message").textContent += (document.getElementById("plans-message").textContent ? " · " : "") + t("planning", body.as_of);
    box.replaceChildren(...(body.groups.length ? body.groups.map(groupCard) : [el("p", { className: "muted", textContent: t("none") })]));
  }

  document.addEventListener("orderlens:lang", () => { labels(); if (!panel.hidden) loadGroups(); });
  OL.api("me").then(({ status, body }) => {
    if (status !== 200) return;
    me = body;
    labels();
    tabButton.hidden = !me.may_see_recommendations;
  });
})();
