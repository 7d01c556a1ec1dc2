import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/search/stem.js';

describe('porterStem', () => {
  it('gives the stems of the examples in Porter (1980)', () => {
    const pairs: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['agreed', 'agre'],
      ['motoring', 'motor'],
      ['hopping', 'hop'],
      ['falling', 'fall'],
      ['filing', 'file'],
      ['happy', 'happi'],
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['digitizer', 'digit'],
      ['vietnamization', 'vietnam'],
      ['decisiveness', 'decis'],
      ['triplicate', 'triplic'],
      ['electrical', 'electr'],
      ['adjustment', 'adjust'],
      ['adoption', 'adopt'],
      ['homologous', 'homolog'],
      ['controll', 'control'],
      ['generalization', 'gener'],
    ];
    for (const [word, stem] of pairs) expect(porterStem(word), word).toBe(stem);
  });

  it('conflates the inflections a researcher types', () => {
    expect(porterStem('models')).toBe(porterStem('model'));
    expect(porterStem('modelling')).toBe(porterStem('modeling'));
    expect(porterStem('experts')).toBe(porterStem('expert'));
    expect(porterStem('learning')).toBe('learn');
  });

  it('leaves short words, digits and other scripts alone', () => {
    expect(porterStem('rl')).toBe('rl');
    expect(porterStem('gpt4')).toBe('gpt4');
    expect(porterStem('модели')).toBe('модели');
  });
});
