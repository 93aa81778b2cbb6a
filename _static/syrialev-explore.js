/* In-page explorers for the built book (no kernel, no network).
 *
 * Each <div class="syrialev-explore"> holds JSON written by syrialev.explorers.offline: the
 * explorer's controls, and for every combination of their values the picture, alt text and verdict
 * that the book's own model computed when the book was built. This script turns the block into
 * labelled controls (sliders, checkboxes, menus) and shows the view for the chosen values. Without
 * it the block stays hidden, so no page ever shows a control that does nothing.
 *
 * When the data has a "base" (the default view's picture), each stored picture is an overlay that
 * is transparent wherever the view looks like the default: the base is the <img>'s background and
 * the overlay its source, so the reader sees the whole view.
 */
(function () {
  "use strict";
  var count = 0;

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function setup(block) {
    var source = block.querySelector("script.syrialev-explore-data");
    var data = JSON.parse(source.textContent);
    var uid = "syrialev-explore-" + data.name + "-" + (++count);
    var fieldset = make("fieldset", {"class": "syrialev-explore-controls"});
    fieldset.appendChild(make("legend", {}, "Explore it here: " + data.title));
    fieldset.appendChild(make("p", {"class": "syrialev-explore-hint"},
      "Move a control: the figure and the verdict below change. Each setting shows what the " +
      "book's model computed for it when the book was built; run the notebook for every " +
      "parameter and finer steps."));
    var inputs = [];
    data.controls.forEach(function (c) {
      var id = uid + "-" + c.name;
      var row = make("div", {"class": "syrialev-explore-row"});
      var label = make("label", {"for": id}, c.label);
      var input;
      if (c.kind === "bool") {
        input = make("input", {"type": "checkbox", "id": id});
        input.checked = c.default === 1;
      } else if (c.kind === "choice") {
        input = make("select", {"id": id});
        c.labels.forEach(function (text, i) { input.appendChild(make("option", {"value": String(i)}, text)); });
        input.value = String(c.default);
      } else {
        input = make("input", {"type": "range", "id": id, "min": "0", "max": String(c.labels.length - 1),
                               "step": "1", "value": String(c.default)});
      }
      if (c.doc) { input.setAttribute("title", c.doc); }
      input.setAttribute("data-param", c.name);
      var shown = make("output", {"for": id, "aria-hidden": "true", "class": "syrialev-explore-value"});
      row.appendChild(label);
      row.appendChild(input);
      row.appendChild(shown);
      fieldset.appendChild(row);
      inputs.push({control: c, input: input, shown: shown});
    });
    var figure = make("figure", {"class": "syrialev-explore-figure"});
    var img = make("img", {"class": "syrialev-figure", "style": "max-width:100%;height:auto"});
    if (data.base) {  // the overlay shows over the base, scaled with it (and printed with it)
      img.style.backgroundImage = "url(\"" + data.base + "\")";
      img.style.backgroundSize = "100% 100%";
      img.style.backgroundRepeat = "no-repeat";
      img.style.webkitPrintColorAdjust = "exact";
      img.style.printColorAdjust = "exact";
    }
    var verdict = make("p", {"class": "syrialev-explore-verdict", "role": "status", "aria-live": "polite"});
    figure.appendChild(img);
    fieldset.appendChild(figure);
    fieldset.appendChild(verdict);

    function position(item) {
      if (item.control.kind === "bool") { return item.input.checked ? 1 : 0; }
      return parseInt(item.input.value, 10);
    }

    function render() {
      var index = 0;
      inputs.forEach(function (item) {
        var pos = position(item);
        index = index * item.control.labels.length + pos;
        var text = item.control.labels[pos];
        item.shown.textContent = text;
        if (item.control.kind !== "bool" && item.control.kind !== "choice") {
          item.input.setAttribute("aria-valuetext", text);
        }
      });
      var frame = data.frames[index];
      img.src = data.images[frame.img];
      img.alt = frame.alt;
      verdict.textContent = frame.verdict;
      block.setAttribute("data-frame", String(index));
    }

    inputs.forEach(function (item) {
      item.input.addEventListener("input", render);
      item.input.addEventListener("change", render);
    });
    block.appendChild(fieldset);
    render();
    block.hidden = false;
    block.style.display = "";
  }

  function init() {
    var blocks = document.querySelectorAll("div.syrialev-explore");
    Array.prototype.forEach.call(blocks, function (block) {
      try {
        setup(block);
      } catch (err) {  // report it (the browser tests fail on it) and let the other blocks work
        setTimeout(function () { throw err; }, 0);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
