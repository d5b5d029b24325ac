/* The app's own help for keyboard and screen-reader users, in the browser. Sent on every page by
   ui/components.frame, which fills in the words it needs, from data/content.
   - A "skip to main content" link, the first thing Tab reaches: it moves the focus to the page's
     title. Streamlit's own link says its words in English only, so ui/aid.css hides it.
   - Our menu (ui/components.menu) is plain links: a click on one opens its page in this tab's
     session, as Streamlit's own links and the browser's Back button do (the address changes, then
     Streamlit is told, as Back tells it), so no answer is lost. A click with Ctrl, Shift or the
     middle button still opens the page in a new tab or window, as any link does. Streamlit then
     draws the menu again, and the focused link with it: the focus goes to the new page's title
     once it is drawn (the page stays at its top), so a keyboard goes on from there and a screen
     reader says where it is.
   - Screen readers read a page in the language the html element names, which Streamlit writes as
     "en", and each language's name in its own language (WCAG 3.1.1 and 3.1.2). Streamlit redraws
     the language choice on every page, so a watcher marks the names again whenever it does.
   - Streamlit writes a few words of its own in English only: the file box's button and its size
     limit, the name of its hidden file input, and the "Help for ..." name of every help button.
     The file box is also named a group, not marked as presentation while it has a name.
     They are put in the reader's language each time Streamlit draws them. Only the text of the
     node Streamlit made is changed, so Streamlit can still update it.
   No "less than" sign followed by a letter or a slash anywhere in this file or in ui/aid.css:
   the browser's HTML cleaner (DOMPurify) drops a script or style that holds one, silently.
   - Once the person has answered something, reloading or closing the tab asks first: the
     answers live in this tab's session only.
   - On a narrow screen the menu closes after a page is chosen in it. Streamlit does this only on a
     phone it recognises from the browser's name; a narrow window on any device kept it open. */
(() => {
  const frame = window.aidFrame || (window.aidFrame = {});
  frame.words = __AID_WORDS__;  // run again when the words change, e.g. with the language
  const MENU = "nav.aid-menu";  // ui/templates/menu.html.j2
  const MENU_CLOSED_BELOW = 768;

  const focusTitle = (title, options = {}) => {
    if (!title.hasAttribute("tabindex")) title.setAttribute("tabindex", "-1");
    title.focus(options);
  };

  const toTheTitle = (event) => {
    event.preventDefault();
    const main = document.getElementById("stMain");
    const title = main && (main.querySelector("h1") || main);
    if (title) focusTitle(title);
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

  const markLanguage = () => {
    const root = document.documentElement;
    if (root.lang !== frame.words.lang) root.lang = frame.words.lang;
    for (const label of document.querySelectorAll('[class*="st-key-aid_language_"] label p')) {
      const own = frame.words.names[label.textContent.trim()];
      if (own && label.lang !== own) label.lang = own;
    }
  };

  const setText = (node, value) => {
    const shown = node && node.firstChild;
    if (shown && shown.nodeType === Node.TEXT_NODE && shown.nodeValue !== value) shown.nodeValue = value;
  };

  const frameworkWords = () => {
    const words = frame.words;
    for (const box of document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')) {
      // Streamlit marks the box as presentation yet names it and lets it take the focus, which
      // screen readers resolve each their own way (axe: presentation-role-conflict): a named group.
      if (box.getAttribute("role") === "presentation") box.setAttribute("role", "group");
      setText(box.querySelector('[data-testid="stBaseButton-secondary"] p'), words.upload);
      setText(box.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span'), words.uploadLimit);
      const input = box.querySelector('input[type="file"]');
      if (input && input.getAttribute("aria-label") !== words.fileInput) input.setAttribute("aria-label", words.fileInput);
    }
    // A file over Streamlit's own limit gets its English message: ours, in the page's language.
    for (const uploader of document.querySelectorAll('[data-testid="stFileUploader"]')) {
      const walker = document.createTreeWalker(uploader, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue.startsWith("File must be ")) node.nodeValue = words.uploadTooBig;
      }
    }
    const streamlits = "Help for ";
    for (const button of document.querySelectorAll(`button[aria-label^="${streamlits}"]`)) {
      const label = button.getAttribute("aria-label").slice(streamlits.length);
      const ours = words.helpFor.replace("{label}", label);
      if (ours !== button.getAttribute("aria-label")) button.setAttribute("aria-label", ours);
    }
  };

  const openInThisSession = (event) => {
    const link = event.target.closest(`${MENU} a[href]`);
    const plainClick = event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
    if (!link || !plainClick || event.defaultPrevented) return;
    event.preventDefault();
    if (link.href === window.location.href) return;  // already here: no page change, no history entry
    frame.chosen = {href: link.href, at: Date.now()};
    window.history.pushState(null, "", link.href);
    window.dispatchEvent(new PopStateEvent("popstate"));
  };

  // The page chosen in the menu is drawn once the menu marks it as this page and its title is no
  // longer the last page's (Streamlit greys out what it has not drawn again yet).
  const focusChosenPage = () => {
    const chosen = frame.chosen;
    if (!chosen) return;
    if (Date.now() - chosen.at > 20000) {
      frame.chosen = null;
      return;
    }
    const marked = document.querySelector(`${MENU} a[aria-current="page"]`);
    const main = document.getElementById("stMain");
    const title = main && main.querySelector("h1");
    if (!marked || marked.href !== chosen.href || !title || title.closest('[data-stale="true"]')) return;
    frame.chosen = null;
    const focused = document.activeElement;
    if (focused && focused !== document.body && !focused.closest(MENU)) return;  // the person moved on
    // Without scrolling: a page opens at its top, where an emergency message comes before the title.
    focusTitle(title, {preventScroll: true});
  };

  const closeMenuOnNarrowScreen = (event) => {
    if (!event.target.closest(`${MENU} a`) || window.innerWidth >= MENU_CLOSED_BELOW) return;
    setTimeout(() => {
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (button && button.getAttribute("aria-expanded") !== "false") button.click();
    }, 0);
  };

  skipLink();
  markLanguage();
  frameworkWords();
  if (frame.started) return;
  frame.started = true;
  // Answers live in this tab's session only: a reload or closing the tab would lose them, so the
  // browser asks first (in its own words; browsers show no text of ours here).
  window.addEventListener("beforeunload", (event) => {
    if (!frame.keep) return;  // set by ui/templates/ask_before_leaving.html.j2
    event.preventDefault();
    event.returnValue = "";
  });
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      markLanguage();
      frameworkWords();
      focusChosenPage();
    });
  }).observe(document.body, {childList: true, subtree: true});
  document.addEventListener("click", closeMenuOnNarrowScreen, true);
  document.addEventListener("click", openInThisSession);
})();
