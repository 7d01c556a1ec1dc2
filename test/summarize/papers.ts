// Test papers for the summariser tests, built through the real Paper schema.
import type { Paper, PaperInput } from '../../src/catalog/paper.js';
import { paper as buildPaper } from '../support/paper.js';

/** The summariser needs an abstract, so every paper here gives one. */
export function paper(fields: Partial<PaperInput> & { id: string; title: string; abstract: string }): Paper {
  return buildPaper(fields);
}

export const LOSS_SCALING = paper({
  id: '2001.00001',
  title: 'Adaptive Loss Scaling for Mixed Precision Training',
  abstract: [
    'Mixed precision training is widely used to speed up deep neural networks on modern accelerators.',
    'However, it relies on a loss scale hyperparameter that must be tuned for every model, which is costly and fails on unusual layers.',
    'In this paper, we propose adaptive loss scaling, a method that computes layer-wise loss scales automatically during training.',
    'Our approach estimates the scale of each layer from gradient statistics, without any extra hyperparameter.',
    'Experiments on ImageNet and COCO show that adaptive loss scaling shortens the time to convergence by 18% and improves accuracy by 1.2 points.',
  ].join(' '),
  authors: ['Ada Lovelace', 'Alan Turing'],
  links: { abs: 'https://arxiv.org/abs/2001.00001', code: 'https://github.com/example/als' },
});

export const DIFFUSION_VIDEO = paper({
  id: '2001.00002',
  title: 'Latent Diffusion Models for Video Generation',
  abstract:
    'Diffusion models generate high quality images but video generation remains expensive. We propose a latent diffusion model that generates long videos from text prompts. Our model reaches a FVD of 212 on UCF-101, 30% better than prior work.',
});

export const DIFFUSION_MOLECULES = paper({
  id: '2001.00003',
  title: 'Guided Diffusion Models for Molecule Design',
  abstract:
    'Designing molecules with desired properties is a hard search problem. We introduce guided diffusion models that steer sampling with a property predictor. The method finds molecules with 2x higher binding affinity than genetic algorithms.',
});

export const PROTEIN_FOLDING = paper({
  id: '2001.00004',
  title: 'Protein Structure Prediction with Equivariant Transformers',
  abstract:
    'Predicting protein structure from sequence is a central problem in biology. We present an equivariant transformer that predicts atomic coordinates directly. It improves GDT by 4 points on CASP15.',
});
