// Starts GOV.UK Frontend, and the finder's type-ahead for facets shown as a text field (the partner
// organisation). The library's URL comes from a data attribute on this script's own tag, because it
// carries a content hash in production. MOJ Frontend (the filter panel's "Show filter" button) is
// loaded only where the panel is, by static/js/finder-filter.js.
const tag = document.querySelector("script[data-govuk-frontend]");
const govuk = await import(tag.dataset.govukFrontend);
govuk.initAll();

// Type-ahead: as a name is typed, list the matching options (from the server, which filters
// them, with their counts) as radios in place, so the page never carries every organisation.
function countText(count) {
  return `${count} case stud${count === 1 ? "y" : "ies"}`;
}

function radio(list, name, prefix, number, option) {
  const item = document.createElement("div");
  item.className = "govuk-radios__item";
  const input = document.createElement("input");
  Object.assign(input, {
    className: "govuk-radios__input",
    id: `${prefix}-${number}`,
    name,
    type: "radio",
    value: option.value,
    checked: option.selected,
    disabled: !option.selected && option.count === 0,
  });
  const label = document.createElement("label");
  label.className = "govuk-label govuk-radios__label";
  label.htmlFor = input.id;
  label.textContent = option.label + " ";
  const count = document.createElement("span");
  count.className = "app-facet-count";
  count.textContent = option.value === "" ? "" : `(${option.count})`;
  const hidden = document.createElement("span");
  hidden.className = "govuk-visually-hidden";
  hidden.textContent = option.value === "" ? "" : ` ${countText(option.count)}`;
  count.append(hidden);
  label.append(count);
  item.append(input, label);
  list.append(item);
}

for (const field of document.querySelectorAll("[data-app-facet-search]")) {
  const input = field.querySelector('input[type="search"]');
  const list = field.querySelector(".govuk-radios");
  const status = field.querySelector("[data-app-facet-search-status]");
  const name = input.name.replace(/_name$/, "");
  const prefix = input.id.replace(/-name$/, "");
  let timer;
  let latest = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const params = new URLSearchParams(new FormData(input.form));
      for (const [key, value] of [...params]) if (!value) params.delete(key, value);
      params.set(input.name, input.value.trim());
      const asked = ++latest;
      const response = await fetch(`${field.dataset.optionsUrl}?${params}`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok || asked !== latest) return;
      const { options, more, typed } = await response.json();
      list.replaceChildren();
      if (options.length) {
        const any = !options.some((option) => option.selected);
        radio(list, name, prefix, "any", { value: "", label: "Any", count: 0, selected: any });
      }
      options.forEach((option, index) => radio(list, name, prefix, index + 1, option));
      const found = options.filter((option) => !option.selected).length;
      status.textContent =
        typed && !found
          ? `No organisation’s name contains “${typed}”.`
          : more
            ? `The first ${found} are shown: type more of the name to narrow them.`
            : typed
              ? `${found} organisation${found === 1 ? "" : "s"} found.`
              : "";
    }, 250);
  });
}
