// The Porter (1980) stemmer, after Martin Porter's reference C implementation (with its two departures,
// "bli"→"ble" and "logi"→"log"): "models"/"modelling" → "model". Written out rather than imported: it is
// small, stable, and on the hot path of indexing, so it works on char codes in place, without regexes.

const MAX = 64;
const b = new Uint16Array(MAX);
let k = 0;
let j = 0;

const A = 97;
const E = 101;
const I = 105;
const O = 111;
const U = 117;
const Y = 121;

function cons(i: number): boolean {
  const c = b[i]!;
  if (c === A || c === E || c === I || c === O || c === U) return false;
  if (c === Y) return i === 0 ? true : !cons(i - 1);
  return true;
}

/** The number of vowel-consonant sequences in b[0..j]. */
function m(): number {
  let n = 0;
  let i = 0;
  for (;;) {
    if (i > j) return n;
    if (!cons(i)) break;
    i++;
  }
  i++;
  for (;;) {
    for (;;) {
      if (i > j) return n;
      if (cons(i)) break;
      i++;
    }
    i++;
    n++;
    for (;;) {
      if (i > j) return n;
      if (!cons(i)) break;
      i++;
    }
    i++;
  }
}

function vowelInStem(): boolean {
  for (let i = 0; i <= j; i++) if (!cons(i)) return true;
  return false;
}

function doubleC(at: number): boolean {
  if (at < 1) return false;
  if (b[at] !== b[at - 1]) return false;
  return cons(at);
}

/** Consonant-vowel-consonant ending at i, the last not w, x or y ("hop" but not "snow"). */
function cvc(i: number): boolean {
  if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
  const c = b[i]!;
  return c !== 119 && c !== 120 && c !== Y;
}

function ends(s: string): boolean {
  const l = s.length;
  if (l > k + 1) return false;
  if (b[k] !== s.charCodeAt(l - 1)) return false;
  const start = k - l + 1;
  for (let i = 0; i < l; i++) if (b[start + i] !== s.charCodeAt(i)) return false;
  j = k - l;
  return true;
}

function setTo(s: string): void {
  const l = s.length;
  for (let i = 0; i < l; i++) b[j + 1 + i] = s.charCodeAt(i);
  k = j + l;
}

function r(s: string): void {
  if (m() > 0) setTo(s);
}

function step1ab(): void {
  if (b[k] === 115) {
    if (ends('sses')) k -= 2;
    else if (ends('ies')) setTo('i');
    else if (b[k - 1] !== 115) k--;
  }
  if (ends('eed')) {
    if (m() > 0) k--;
  } else if ((ends('ed') || ends('ing')) && vowelInStem()) {
    k = j;
    if (ends('at')) setTo('ate');
    else if (ends('bl')) setTo('ble');
    else if (ends('iz')) setTo('ize');
    else if (doubleC(k)) {
      k--;
      const c = b[k];
      if (c === 108 || c === 115 || c === 122) k++;
    } else if (m() === 1 && cvc(k)) setTo('e');
  }
}

function step1c(): void {
  if (ends('y') && vowelInStem()) b[k] = I;
}

function step2(): void {
  switch (b[k - 1]) {
    case A:
      if (ends('ational')) r('ate');
      else if (ends('tional')) r('tion');
      break;
    case 99:
      if (ends('enci')) r('ence');
      else if (ends('anci')) r('ance');
      break;
    case E:
      if (ends('izer')) r('ize');
      break;
    case 108:
      if (ends('bli')) r('ble');
      else if (ends('alli')) r('al');
      else if (ends('entli')) r('ent');
      else if (ends('eli')) r('e');
      else if (ends('ousli')) r('ous');
      break;
    case O:
      if (ends('ization')) r('ize');
      else if (ends('ation')) r('ate');
      else if (ends('ator')) r('ate');
      break;
    case 115:
      if (ends('alism')) r('al');
      else if (ends('iveness')) r('ive');
      else if (ends('fulness')) r('ful');
      else if (ends('ousness')) r('ous');
      break;
    case 116:
      if (ends('aliti')) r('al');
      else if (ends('iviti')) r('ive');
      else if (ends('biliti')) r('ble');
      break;
    case 103:
      if (ends('logi')) r('log');
      break;
  }
}

function step3(): void {
  switch (b[k]) {
    case E:
      if (ends('icate')) r('ic');
      else if (ends('ative')) r('');
      else if (ends('alize')) r('al');
      break;
    case I:
      if (ends('iciti')) r('ic');
      break;
    case 108:
      if (ends('ical')) r('ic');
      else if (ends('ful')) r('');
      break;
    case 115:
      if (ends('ness')) r('');
      break;
  }
}

function step4(): void {
  let found = false;
  switch (b[k - 1]) {
    case A:
      found = ends('al');
      break;
    case 99:
      found = ends('ance') || ends('ence');
      break;
    case E:
      found = ends('er');
      break;
    case I:
      found = ends('ic');
      break;
    case 108:
      found = ends('able') || ends('ible');
      break;
    case 110:
      found = ends('ant') || ends('ement') || ends('ment') || ends('ent');
      break;
    case O:
      found = (ends('ion') && j >= 0 && (b[j] === 115 || b[j] === 116)) || ends('ou');
      break;
    case 115:
      found = ends('ism');
      break;
    case 116:
      found = ends('ate') || ends('iti');
      break;
    case U:
      found = ends('ous');
      break;
    case 118:
      found = ends('ive');
      break;
    case 122:
      found = ends('ize');
      break;
  }
  if (found && m() > 1) k = j;
}

function step5(): void {
  j = k;
  if (b[k] === E) {
    const a = m();
    if (a > 1 || (a === 1 && !cvc(k - 1))) k--;
  }
  if (b[k] === 108 && doubleC(k) && m() > 1) k--;
}

/** Stems one lowercase word. Words under three letters, and very long ones, are returned as they are. */
export function porterStem(word: string): string {
  const n = word.length;
  if (n <= 2 || n > MAX) return word;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return word;
    b[i] = c;
  }
  k = n - 1;
  j = 0;
  step1ab();
  if (k > 0) {
    step1c();
    step2();
    step3();
    step4();
    step5();
  }
  if (k === n - 1) {
    let same = true;
    for (let i = 0; i <= k; i++) {
      if (b[i] !== word.charCodeAt(i)) {
        same = false;
        break;
      }
    }
    if (same) return word;
  }
  return String.fromCharCode(...b.subarray(0, k + 1));
}
