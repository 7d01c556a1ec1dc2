// An answer of the Hub's `/api/arxiv/<id>/repos` for 2602.23229, built from its documented shape (no recording exists).

/**
 * No recorded answer of `/api/arxiv/<id>/repos` was found (see test/fixtures/real/README.md): this one follows
 * the documented shape (hub-docs, "GET /api/arxiv/{arxiv_id}/repos": the models, datasets and Spaces referring
 * to a paper), with repository objects as the Hub's listing endpoints give them (`id`, `likes`, `downloads`).
 * Three models, one dataset and two Spaces; the most liked of each kind is its top link.
 */
export const HUB_REPOS_ANSWER = JSON.stringify({
  models: [
    {
      _id: 'a1',
      id: 'marco-garosi/circle-qwen',
      likes: 2,
      downloads: 10,
      pipeline_tag: 'image-text-to-text',
    },
    { _id: 'a2', id: 'marco-garosi/circle-llava', likes: 7, downloads: 3 },
    { _id: 'a3', id: 'someone/finetune', likes: 0 },
  ],
  datasets: [{ _id: 'b1', id: 'marco-garosi/circle-bench', likes: 1 }],
  spaces: [
    { _id: 'c1', id: 'marco-garosi/circle-demo', likes: 4, sdk: 'gradio' },
    { _id: 'c2', id: 'other/demo', likes: 1 },
  ],
});
