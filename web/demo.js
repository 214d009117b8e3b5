// The demo page in the language of its ?lang= link: the widget follows the page's <html lang>.
(function () {
  'use strict';
  const lang = new URLSearchParams(location.search).get('lang');
  if (lang === 'de' || lang === 'fr' || lang === 'it') document.documentElement.lang = lang + '-CH';
})();
