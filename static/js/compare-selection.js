// The finder's "Add to comparison" ticks, kept in the address as you tick
// (the compare-form partial of templates/partnerships/includes/finder.html). Without JavaScript
// the page works the same way through the "Keep ticked" button; with it, every link and form of
// this finder that stays on this page (pages, sort, search, filters, removing a filter) carries
// `compare=` straight away, and "Compare selected (N)" counts what is ticked. Nothing is stored:
// no cookies, no local storage.
const form = document.getElementById("compare-form");

function ticked() {
  const ids = [...form.querySelectorAll("input[data-compare-elsewhere]")].map((i) => i.value);
  for (const box of document.querySelectorAll('input[type="checkbox"][form="compare-form"]')) {
    if (box.checked) ids.push(box.value);
  }
  return [...new Set(ids)];
}

function samePage(address) {
  return new URL(address, window.location.href).pathname === window.location.pathname;
}

function update() {
  const ids = ticked();
  for (const count of form.querySelectorAll("[data-compare-count]")) {
    count.textContent = String(ids.length);
  }
  const finder = form.closest(".app-finder") || document;
  for (const link of finder.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("#") || !samePage(href)) continue;
    const url = new URL(link.href);
    url.searchParams.delete("compare");
    if (ids.length) url.searchParams.set("compare", ids.join(","));
    link.href = url.pathname + url.search.replaceAll("%2C", ",") + url.hash;
  }
  for (const other of finder.querySelectorAll('form[method="get"]')) {
    if (other === form || !samePage(other.getAttribute("action") || "")) continue;
    for (const input of other.querySelectorAll('input[type="hidden"][name="compare"]')) {
      input.remove();
    }
    for (const id of ids) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "compare";
      input.value = id;
      other.append(input);
    }
  }
}

if (form) {
  document.addEventListener("change", (event) => {
    if (event.target.matches('input[type="checkbox"][form="compare-form"]')) update();
  });
  window.addEventListener("pageshow", update); // ticks a browser restores on going back
  update();
}
