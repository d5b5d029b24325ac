/* The app's own help for keyboard and screen-reader users, in the browser. Sent on every page by
   ui/components.frame_script, which fills in the words it needs, from data/content.
   - A "skip to main content" link, the first thing Tab reaches: it moves the focus to the page's
     title. Streamlit's own link says its words in English only, so ui/aid.css hides it.
   - Our menu (ui/components.menu) is a navigation landmark, and its link to this page says so
     (aria-current), for screen readers as well as by its look.
   - On a narrow screen the menu closes after a page is chosen in it. Streamlit does this only on a
     phone it recognises from the browser's name; a narrow window on any device kept it open. */
(() => {
  const frame = window.aidFrame || (window.aidFrame = {});
  frame.words = __AID_WORDS__;  // run again when the words change, e.g. with the language
  const MENU = ".st-key-aid_menu";
  const MENU_CLOSED_BELOW = 768;

  const toTheTitle = (event) => {
    event.preventDefault();
    const main = document.getElementById("stMain");
    const title = main && (main.querySelector("h1") || main);
    if (!title) return;
    if (!title.hasAttribute("tabindex")) title.setAttribute("tabindex", "-1");
    title.focus();
  };

  const skipLink = () => {
    let link = document.getElementById("aid-skip");
    if (!link) {
      link = document.createElement("a");
      link.id = "aid-skip";
      link.className = "aid-skip";
      link.href = "#stMain";
      link.addEventListener("click", toTheTitle);
      document.body.prepend(link);  // outside Streamlit's own part of the page, which it redraws
    }
    link.textContent = frame.words.skip;
  };

  const markMenu = () => {
    const menu = document.querySelector(MENU);
    if (!menu) return;
    menu.setAttribute("role", "navigation");
    menu.setAttribute("aria-label", frame.words.menu);
    for (const link of menu.querySelectorAll("a[href]")) {
      // The page's path alone: a link also carries the language (?lang=es).
      if (link.getAttribute("href").split("?")[0] === frame.words.current) {
        link.setAttribute("aria-current", "page");
      } else {
        link.removeAttribute("aria-current");
      }
    }
  };

  const closeMenuOnNarrowScreen = (event) => {
    if (!event.target.closest(`${MENU} a`) || window.innerWidth >= MENU_CLOSED_BELOW) return;
    setTimeout(() => {
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (button && button.getAttribute("aria-expanded") !== "false") button.click();
    }, 0);
  };

  skipLink();
  markMenu();
  if (frame.started) return;
  frame.started = true;
  // Streamlit draws the menu's links after this runs, and again on each page: mark them each time.
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      markMenu();
    });
  }).observe(document.body, {childList: true, subtree: true});
  document.addEventListener("click", closeMenuOnNarrowScreen, true);
})();
