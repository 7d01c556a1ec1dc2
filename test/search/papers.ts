// Papers for the search tests: a small catalog of the situations search must handle, built with paper().
import type { Paper } from '../../src/catalog/paper.js';
import { paper } from '../support/paper.js';

export { paper };

/** A small catalog with the situations search must handle: acronyms, typos, filters, near-duplicates. */
export const CATALOG: Paper[] = [
  paper({
    id: '2501.00001',
    arxivId: '2501.00001',
    title: 'Scaling Sparse Mixture-of-Experts Language Models',
    abstract:
      'We study sparse mixture of experts (MoE) layers for large language models (LLMs). Routing each token ' +
      'to two experts keeps the compute per token constant while the parameters grow.',
    authors: ['Ada Lovelace', 'Kaiming He'],
    categories: ['cs.LG', 'cs.CL'],
    published: '2025-01-10',
    links: { code: 'https://github.com/example/moe' },
  }),
  paper({
    id: '2502.00002',
    arxivId: '2502.00002',
    title: 'Expert Routing without Auxiliary Losses',
    abstract: 'A router for MoE models that balances load without an auxiliary loss term.',
    authors: ['Grace Hopper'],
    categories: ['cs.LG'],
    published: '2025-02-03',
  }),
  paper({
    id: '2503.00003',
    arxivId: '2503.00003',
    title: 'Denoising Diffusion Models for Image Synthesis',
    abstract:
      'Diffusion models generate images by reversing a noising process. We improve sampling speed and ' +
      'sample quality of image diffusion models.',
    authors: ['Alan Turing'],
    categories: ['cs.CV'],
    published: '2025-03-15',
    links: { code: 'https://github.com/example/diffusion' },
  }),
  paper({
    id: '2504.00004',
    arxivId: '2504.00004',
    title: 'Offline Reinforcement Learning for Multi-Step Reasoning',
    abstract:
      'We propose an offline reinforcement learning (RL) method that improves multi-step reasoning of ' +
      'language models, compared with direct preference optimization (DPO).',
    authors: ['Grace Hopper', 'Alan Turing'],
    categories: ['cs.CL', 'cs.AI'],
    published: '2025-04-20',
  }),
  paper({
    id: '2505.00005',
    arxivId: '2505.00005',
    title: 'Aligning Chat Assistants with RLHF',
    abstract: 'Human feedback collected at scale trains a reward model; RLHF then tunes the policy.',
    authors: ['Barbara Liskov'],
    categories: ['cs.CL'],
    published: '2025-05-02',
  }),
  paper({
    id: '2506.00006',
    arxivId: '2506.00006',
    title: 'Faster Second-Order Optimisation',
    abstract:
      'Kronecker-factored approximate curvature (K-FAC) approximates the Fisher information. We make ' +
      'K-FAC cheaper for transformers.',
    authors: ['Edsger Dijkstra'],
    categories: ['cs.LG', 'stat.ML'],
    published: '2025-06-30',
  }),
  paper({
    id: '2507.00007',
    arxivId: '2507.00007',
    title: 'Adapting at Inference with Test-Time Training',
    abstract:
      'Test-time training (TTT) updates a model on each test input. TTT layers replace attention in our ' +
      'sequence model.',
    authors: ['Donald Knuth'],
    categories: ['cs.LG'],
    published: '2025-07-04',
  }),
  paper({
    id: '2508.00008',
    arxivId: '2508.00008',
    title: 'A Survey of Language Model Evaluation',
    abstract: 'We review how a language model is evaluated, from perplexity to human judgement of models.',
    authors: ['Margaret Hamilton'],
    categories: ['cs.CL'],
    published: '2025-08-01',
  }),
  paper({
    id: '2509.00009',
    arxivId: '2509.00009',
    title: 'Models of Language Acquisition in Children',
    abstract:
      'Children acquire language from little data. Computational models of this process are compared.',
    authors: ['Noam Chomsky'],
    categories: ['cs.CL'],
    published: '2024-12-01',
  }),
  paper({
    id: 'graph-neural-networks-for-molecules',
    title: 'Graph Neural Networks for Molecules',
    abstract:
      'Message passing networks predict molecular properties. A GNN reads atoms as nodes and bonds as edges.',
    authors: ['Rosalind Franklin'],
    categories: ['q-bio.BM', 'cs.LG'],
    keywords: ['molecular property prediction', 'message passing'],
  }),
];
