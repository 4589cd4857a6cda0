// A hand-written vanilla-DOM rendering of the Traseu board, the benchmark's baseline: it reads
// the same stored document from local storage (traseu.ui -> traseu.map.<id>), builds the same
// table shape with the app's class names (so the app's CSS applies), and has a plain pointer
// drag: a ghost follows the pointer, the hovered cell is highlighted with the landing position,
// and the card's <li> moves on drop. Space or Enter on a card lifts it, Left and Right move it
// to the previous or next stage, Space or Enter drops it; an emotion point follows the pointer
// in whole scores. Like a straightforward app it keeps the document in memory and, 300 ms after
// the last change (the app's delay), writes all of it to local storage with JSON.stringify.
// No framework, no virtualisation.
'use strict';
(() => {
  const LANE_NAMES = { goals: 'Goals', actions: 'Actions', touchpoints: 'Touchpoints',
    channels: 'Channels', thoughts: 'Thoughts', emotions: 'Emotions', pain_points: 'Pain points',
    opportunities: 'Opportunities', metrics: 'Metrics', notes: 'Notes' };
  const DRAG_THRESHOLD = 6;
  const SAVE_DELAY = 300;
  // The curve's geometry (model::curve): +3 at the top, -3 at the bottom, 12 of 100 units of
  // padding above and below.
  const PAD = 12;
  const yOf = (score) => PAD + ((3 - score) / 6) * (100 - 2 * PAD);
  const scoreAt = (y) => Math.max(-3, Math.min(3, Math.round(3 - ((y - PAD) / (100 - 2 * PAD)) * 6)));
  const scoreText = (v) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0');
  const NS = 'http://www.w3.org/2000/svg';

  // The app's face for a score (model::svg::icons::mouth): the mouth curves with the score.
  function face(v) {
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    for (const [cls, cx, cy, r] of [[null, 12, 12, 10.5], ['eye', 8.5, 9.5, 1.4], ['eye', 15.5, 9.5, 1.4]]) {
      const c = document.createElementNS(NS, 'circle');
      if (cls) c.setAttribute('class', cls);
      c.setAttribute('cx', cx); c.setAttribute('cy', cy); c.setAttribute('r', r);
      svg.append(c);
    }
    const mouth = document.createElementNS(NS, 'path');
    mouth.setAttribute('class', 'mouth');
    svg.append(mouth);
    setFace(svg, v);
    return svg;
  }
  function setFace(svg, v) {
    svg.setAttribute('class', `face score${v}`);
    svg.lastChild.setAttribute('d', `M7 15.5 Q12 ${(15.5 + 1.6 * v).toFixed(1)} 17 15.5`);
  }

  let doc = null;
  let saveTimer = null;
  // The whole document, serialised and written with the list of maps, as the app's save does.
  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const map = doc.map;
      map.updated = new Date().toISOString();
      localStorage.setItem(`traseu.map.${map.id}`, JSON.stringify(doc));
      localStorage.setItem('traseu.maps', JSON.stringify([{ id: map.id, title: map.title, updated: map.updated }]));
      localStorage.setItem('traseu.ui', JSON.stringify({ current: map.id }));
    }, SAVE_DELAY);
  }

  // Moves a card in the document to a cell, before the card `before` (or at the end of the cell).
  function moveCard(id, { lane, stage }, before) {
    const cards = doc.map.cards;
    const card = cards.splice(cards.findIndex((c) => c.id === id), 1)[0];
    card.lane = lane;
    card.stage = stage;
    const at = before ? cards.findIndex((c) => c.id === before) : -1;
    cards.splice(at < 0 ? cards.length : at, 0, card);
    saveSoon();
  }

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) for (const k in attrs) {
      if (k === 'class') el.className = attrs[k];
      else el.setAttribute(k, attrs[k]);
    }
    for (const c of children) el.append(c);
    return el;
  }

  function loadDoc() {
    const ui = JSON.parse(localStorage.getItem('traseu.ui') || '{}');
    if (!ui.current) return null;
    const text = localStorage.getItem(`traseu.map.${ui.current}`);
    return text ? JSON.parse(text) : null;
  }

  function menu(label, items) {
    return h('details', { class: 'menu' },
      h('summary', { 'aria-label': label }, h('span', { 'aria-hidden': 'true' }, '⋯')),
      h('div', { class: 'menu-items' }, ...items.map((t) => h('button', { type: 'button' }, t))));
  }

  function header(name, inputLabel, menuLabel, items) {
    const input = h('input', { class: 'header-name', type: 'text', maxlength: '200', 'aria-label': inputLabel });
    input.value = name;
    return h('div', { class: 'header' }, input, menu(menuLabel, items));
  }

  function cardEl(card) {
    const first = card.text.split('\n')[0];
    return h('li', { 'data-card-id': card.id },
      h('div', { class: `card colour-${card.colour || 'yellow'}` },
        h('div', { class: 'card-text', role: 'button', tabindex: '0', 'aria-label': `Edit card: ${card.text}`,
          'aria-describedby': 'card-help', 'aria-pressed': 'false' }, card.text),
        h('button', { class: 'card-move', type: 'button', 'aria-label': `Move “${first}” to…`, title: 'Move to…' },
          h('span', { 'aria-hidden': 'true' }, '⋯'))));
  }

  function curve(map, persona) {
    const n = map.stages.length;
    const score = new Map((persona?.emotions || []).map((e) => [e.stage, e.score]));
    const pts = map.stages.map((s, i) => [((i + 0.5) / n) * 800, yOf(score.get(s.id) ?? 0)]);
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('class', 'curve-line');
    svg.setAttribute('viewBox', '0 0 800 100');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    const line = document.createElementNS(NS, 'line');
    for (const [k, v] of [['class', 'neutral'], ['x1', 0], ['x2', 800], ['y1', 50], ['y2', 50]]) line.setAttribute(k, v);
    const path = document.createElementNS(NS, 'path');
    const draw = () => path.setAttribute('d', pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
    draw();
    svg.append(line, path);
    const setScore = (i, point, v) => {
      const entry = persona.emotions.find((e) => e.stage === map.stages[i].id);
      if (entry) entry.score = v;
      else persona.emotions.push({ stage: map.stages[i].id, score: v });
      point.setAttribute('aria-valuenow', String(v));
      setFace(point.firstChild, v);
      point.lastChild.textContent = scoreText(v);
      point.style.top = `${yOf(v)}%`;
      pts[i][1] = yOf(v);
      draw();
      saveSoon();
    };
    const points = h('div', { class: 'points' }, ...map.stages.map((s, i) => {
      const v = score.get(s.id) ?? 0;
      const point = h('div', { class: 'point', role: 'slider', tabindex: '0', 'aria-label': s.name,
        'aria-valuemin': '-3', 'aria-valuemax': '3', 'aria-valuenow': String(v) },
      face(v), h('span', { class: 'score' }, scoreText(v)));
      point.style.top = `${yOf(v)}%`;
      installPointDrag(point, (to) => { if (persona && String(to) !== point.getAttribute('aria-valuenow')) setScore(i, point, to); });
      return h('div', { class: 'slot' }, point);
    }));
    return h('div', { class: 'curve', role: 'group', 'aria-label': `Emotion curve for ${persona?.name ?? ''}` }, svg, points);
  }

  // Past the drag threshold the point follows the pointer in whole scores.
  function installPointDrag(point, set) {
    let press = null;
    point.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      press = { x: ev.clientX, y: ev.clientY, dragging: false };
      point.setPointerCapture(ev.pointerId);
    });
    point.addEventListener('pointermove', (ev) => {
      if (!press) return;
      if (!press.dragging && Math.hypot(ev.clientX - press.x, ev.clientY - press.y) < DRAG_THRESHOLD) return;
      press.dragging = true;
      const r = point.closest('.curve').getBoundingClientRect();
      set(scoreAt(((ev.clientY - r.top) / r.height) * 100));
    });
    const end = () => { press = null; };
    point.addEventListener('pointerup', end);
    point.addEventListener('pointercancel', end);
  }

  function render(doc) {
    const map = doc.map;
    const byCell = new Map();
    for (const c of map.cards) {
      const key = `${c.lane}\u0000${c.stage}`;
      let list = byCell.get(key);
      if (!list) byCell.set(key, (list = []));
      list.push(c);
    }
    const stageHeads = map.stages.map((s) => h('th', { class: 'stage', scope: 'col', 'aria-label': s.name },
      header(s.name, 'Stage name', `Actions for stage ${s.name}`, ['Move left', 'Move right', 'Add a stage after', 'Delete stage'])));
    const thead = h('thead', null, h('tr', null, h('td', { class: 'corner' }), ...stageHeads));
    const tbody = h('tbody');
    for (const lane of map.lanes) {
      if (lane.hidden) continue;
      const name = lane.name || LANE_NAMES[lane.kind] || lane.kind;
      const row = h('tr', { class: `lane lane-${lane.kind.replace('_', '')}` },
        h('th', { class: 'lane-name', scope: 'row', 'aria-label': name },
          header(name, 'Lane name', `Actions for lane ${name}`, ['Move up', 'Move down', 'Hide lane', 'Delete lane'])));
      if (lane.kind === 'emotions') {
        row.append(h('td', { class: 'emotion-cell', colspan: String(map.stages.length) }, curve(map, map.personas[0])));
      } else {
        for (const s of map.stages) {
          const ul = h('ul', { class: 'cards' }, ...(byCell.get(`${lane.id}\u0000${s.id}`) || []).map(cardEl));
          row.append(h('td', { class: 'cell', 'data-lane': lane.id, 'data-stage': s.id }, ul,
            h('button', { type: 'button', class: 'add-card', 'aria-label': `Add card in ${name}, ${s.name}` },
              h('span', { 'aria-hidden': 'true' }, '+ '), 'Add card')));
        }
      }
      tbody.append(row);
    }
    const title = h('input', { type: 'text', 'aria-label': 'Map title' });
    title.value = map.title;
    const top = h('header', { class: 'topbar' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), h('p', { class: 'name' }, 'Traseu')),
      h('label', { class: 'map-title' }, title));
    const board = h('table', { class: 'board', 'aria-label': 'Journey board' }, thead, tbody);
    const main = h('main', null,
      h('p', { id: 'card-help', class: 'visually-hidden' }, 'Press Space to lift a card.'),
      h('div', { class: 'board-scroll' }, board));
    document.body.append(top, main);
    installDrag(board);
    installKeyboard(board);
  }

  // Space or Enter lifts the focused card; Left and Right move it to the neighbouring stage at
  // the same position; Space or Enter drops it.
  function installKeyboard(board) {
    let lifted = null;
    const stages = doc.map.stages.map((s) => s.id);
    addEventListener('keydown', (ev) => {
      const key = ev.key;
      if (!lifted) {
        const face = ev.target.closest?.('.card-text');
        if (face && (key === ' ' || key === 'Enter')) { ev.preventDefault(); lifted = face.closest('li'); }
        return;
      }
      if (key === ' ' || key === 'Enter') { ev.preventDefault(); lifted = null; return; }
      if (key !== 'ArrowLeft' && key !== 'ArrowRight') return;
      ev.preventDefault();
      const li = lifted;
      const cell = li.closest('td.cell');
      const to = stages[stages.indexOf(cell.dataset.stage) + (key === 'ArrowRight' ? 1 : -1)];
      if (!to) return;
      const index = [...li.parentElement.children].indexOf(li);
      const ul = board.querySelector(`td.cell[data-lane="${cell.dataset.lane}"][data-stage="${to}"] ul.cards`);
      const before = ul.children[index] ?? null;
      ul.insertBefore(li, before);
      moveCard(li.dataset.cardId, { lane: cell.dataset.lane, stage: to }, before?.dataset.cardId);
      li.querySelector('.card-text').focus();
    });
  }

  // The cell under a point and the landing index among its cards other than the dragged one.
  function targetAt(x, y, dragged) {
    const hit = document.elementFromPoint(x, y);
    const cell = hit && hit.closest('td.cell');
    if (!cell) return null;
    let at = 0;
    let before = null;
    for (const li of cell.querySelectorAll('li[data-card-id]')) {
      if (li === dragged) continue;
      const r = li.getBoundingClientRect();
      if (y > r.top + r.height / 2) at += 1;
      else if (!before) before = li;
    }
    return { cell, at, before };
  }

  function autoScroll(scroller, x, y) {
    const EDGE = 48;
    const r = scroller.getBoundingClientRect();
    const speed = (d) => Math.round((Math.max(EDGE - d, 0) / EDGE) * 18);
    const dx = speed(r.right - x) - speed(x - r.left);
    const dy = speed(r.bottom - y) - speed(y - r.top);
    if (dx || dy) scroller.scrollBy(dx, dy);
  }

  function installDrag(board) {
    const scroller = board.parentElement;
    let press = null; // { li, face, x, y, dragging, ghost, grabX, grabY, target }
    const clearMarks = () => {
      if (!press?.target) return;
      press.target.cell.classList.remove('drop-target', 'insert-end');
      press.target.before?.classList.remove('insert-before');
    };
    board.addEventListener('pointerdown', (ev) => {
      const face = ev.target.closest('.card-text');
      if (!face || ev.button !== 0) return;
      press = { li: face.closest('li'), face, x: ev.clientX, y: ev.clientY, dragging: false, ghost: null, target: null };
      face.setPointerCapture(ev.pointerId);
    });
    board.addEventListener('pointermove', (ev) => {
      if (!press) return;
      const x = ev.clientX; const y = ev.clientY;
      if (!press.dragging) {
        if (Math.hypot(x - press.x, y - press.y) < DRAG_THRESHOLD) return;
        const r = press.face.getBoundingClientRect();
        press.dragging = true;
        press.grabX = press.x - r.left;
        press.grabY = press.y - r.top;
        const ghost = h('div', { class: 'ghost card colour-yellow', 'aria-hidden': 'true' }, press.face.textContent);
        ghost.style.width = `${r.width}px`;
        document.body.append(ghost);
        press.ghost = ghost;
      }
      press.ghost.style.transform = `translate(${x - press.grabX}px, ${y - press.grabY}px)`;
      const t = targetAt(x, y, press.li);
      const same = t && press.target && t.cell === press.target.cell && t.at === press.target.at;
      if (!same) {
        clearMarks();
        if (t) {
          t.cell.classList.add('drop-target');
          if (t.before) t.before.classList.add('insert-before');
          else t.cell.classList.add('insert-end');
        }
        press.target = t;
      }
      autoScroll(scroller, x, y);
    });
    const end = (drop) => {
      if (!press) return;
      const p = press;
      clearMarks();
      p.ghost?.remove();
      press = null;
      if (drop && p.dragging && p.target) {
        const ul = p.target.cell.querySelector('ul.cards');
        ul.insertBefore(p.li, p.target.before);
        moveCard(p.li.dataset.cardId, p.target.cell.dataset, p.target.before?.dataset.cardId);
      }
    };
    board.addEventListener('pointerup', () => end(true));
    board.addEventListener('pointercancel', () => end(false));
    addEventListener('keydown', (ev) => { if (ev.key === 'Escape') end(false); });
  }

  doc = loadDoc();
  if (doc) render(doc);
  else document.body.append(h('p', null, 'No map in local storage (traseu.ui / traseu.map.<id>).'));
})();
