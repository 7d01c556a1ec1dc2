// Types for bibtex-parse 2.1.0 (a dev dependency that ships none): the part the citation tests use.
declare module 'bibtex-parse' {
  interface Entry {
    key: string;
    type: string;
    [field: string]: string | number | bigint;
  }
  const bibtexParse: { entries(bibtex: string): Entry[] };
  export default bibtexParse;
}
