// The finder's filter panel (templates/partnerships/includes/finder.html): MOJ Frontend's
// "Show filter"/"Hide filter" button. Loaded only on pages that show the panel.
// MOJ's initAll leaves this button out; the page puts an empty .moj-action-bar__filter where it
// goes. Shown at first on wide screens, hidden on narrow ones (where it opens over the page).
import { FilterToggleButton } from "../build/moj-frontend.min.js";

for (const $filter of document.querySelectorAll('[data-module="moj-filter"]')) {
  new FilterToggleButton($filter, { startHidden: false });
}
