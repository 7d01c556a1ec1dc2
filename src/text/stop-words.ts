// The stop-word lists, one named variant per use: each is tuned for its use, so they are not merged into one.

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(' '));
}

/** Title words that carry no topic ("for", "using"). */
const TITLE_FUNCTION_WORDS =
  'a an the of for in on with to and by via from is are we our this that using based';

export const STOP_WORDS = {
  /**
   * Dropped from the search index and from queries (they still count inside quoted phrases). A moderate list:
   * function words only, never content words a researcher might search for.
   */
  search: set(
    'a about above after again against all am an and any are as at be because been before being below ' +
      'between both but by can could did do does doing down during each few for from further had has have ' +
      'having he her here hers herself him himself his how i if in into is it its itself just me more most my ' +
      'myself no nor not now of off on once only or other our ours ourselves out over own same she should so ' +
      'some such than that the their theirs them themselves then there these they this those through to too ' +
      'under until up very was we were what when where which while who whom why will with would you your ' +
      'yours yourself yourselves also via upon whether thus within without using based',
  ),
  /** Words that never name a theme of a topic overview: function words, hedges and Latin abbreviations. */
  overview: set(
    'a about above across after against all along also although among an and any are as at be because been ' +
      'before being below between both but by can could did do does doing done down during each either else ' +
      'even every few for from further had has have having here how however if in into is it its itself just ' +
      'least less many may might more most much must no nor not now of off often on once one only onto or other ' +
      'our ours out over own per rather same several should since so some such than that the their them then ' +
      'there these they this those though through thus to too toward towards under until up upon us very via ' +
      'was we well were what when where whether which while who whom whose why will with within without would ' +
      'yet you your i ii iii e g eg ie et al vs etc',
  ),
  /** Left out of the TL;DR model's title-overlap features (the model was trained with exactly these). */
  titleFeatures: set(TITLE_FUNCTION_WORDS),
  /**
   * Left out when judging whether a TL;DR already names the title's topic: also "towards" and "learning",
   * which lead many titles without saying what they are about.
   */
  titleTopic: set(`${TITLE_FUNCTION_WORDS} towards toward learning`),
  /** Too common in titles to say two papers are alike (digest near-duplicates and follow-ups). */
  titleLikeness: set(
    'a an and are as at be by for from in into is it its of on or over than that the their this to towards ' +
      'under via with without we our you using based toward through',
  ),
  /** Left out of the query behind "More like this": a short list, so the title's own words remain. */
  moreLikeThis: set('a an and the of for in on to with via by from is are'),
} as const;
