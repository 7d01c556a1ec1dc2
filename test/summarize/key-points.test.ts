import { describe, expect, it } from 'vitest';
import { builtinSummary, keyPoints } from '../../src/summarize/builtin.js';
import { figureClause, withNumbers } from '../../src/summarize/key-points.js';
import { wordCount } from '../../src/summarize/text.js';
import { CARD_LIMITS, paperCard } from '../../src/views/paper-card.js';
import { DIFFUSION_VIDEO, LOSS_SCALING, paper } from './papers.js';
import * as SEEDS from './seed-abstracts.js';
import {
  B_CODER,
  DIAGNOSING_DRL,
  HEALTH_TEXT,
  IMITATING_LANGUAGE,
  MIXTURE_OF_EXPERTS,
  STOP_SUMMATION,
  SVDD,
  TRANSFER_Q,
} from './seed-abstracts.js';

/** A paper with only a title and an abstract, as most of these tests need. */
const about = (title: string, abstract: string) => paper({ id: 'k', title, abstract });

describe('keyPoints', () => {
  it('gives the problem, the method, the main result with its numbers, and the code link', () => {
    const points = keyPoints(LOSS_SCALING);
    expect(points).toHaveLength(4);
    expect(points[0]).toMatch(/^Problem: .*loss scale hyperparameter/);
    expect(points[1]).toMatch(/^Method: /);
    expect(points[2]).toMatch(/^Result: .*18%.*1\.2 points/);
    expect(points[3]).toBe('Code: https://github.com/example/als');
  });

  it('adds to the TL;DR instead of repeating its sentence', () => {
    const summary = builtinSummary(LOSS_SCALING);
    const tldrCore = summary.tldr.replace(/\.$/, '');
    for (const point of summary.keyPoints) expect(point).not.toContain(tldrCore);
  });

  it('keeps bullets short', () => {
    for (const point of keyPoints(LOSS_SCALING)) expect(wordCount(point)).toBeLessThanOrEqual(32);
  });

  it('gives at least two bullets for a three-sentence abstract', () => {
    const points = keyPoints(
      about(
        'Sparse Attention for Long Documents',
        'Transformers struggle with long documents because attention is quadratic. We propose a sparse attention pattern that scales linearly. It matches dense attention on four benchmarks while running 3.1x faster.',
      ),
    );
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.length).toBeLessThanOrEqual(4);
    expect(points.join(' ')).toMatch(/3\.1x/);
  });

  it('never repeats the TL;DR word for word as a bullet', () => {
    const summary = builtinSummary(
      about(
        'Data Sharing with Endogenous Privacy Levels',
        'Coalition formation for data sharing under differential privacy is studied when agents have heterogeneous privacy costs. Each agent holds a sensitive data point and decides whether to join a coalition. Privacy choices induce a trade-off between individual costs and data utility. These choices generate externalities across agents.',
      ),
    );
    expect(summary.keyPoints.length).toBeGreaterThan(0);
    for (const point of summary.keyPoints) expect(point.replace(/^\w+: /, '')).not.toBe(summary.tldr);
  });

  it('does not call a demonstrated finding the method', () => {
    const points = keyPoints(
      about(
        'Guidance Without Gradients',
        'Guiding diffusion models usually requires differentiable reward models. Our approach avoids fine-tuning and needs no differentiable model. We demonstrate the effectiveness of our algorithm across image and molecule generation.',
      ),
    );
    const method = points.find((p) => p.startsWith('Method:'));
    expect(method).toMatch(/avoids fine-tuning/);
    expect(method).not.toMatch(/demonstrate/);
  });

  it('states the problem in a sentence that reads on its own, not one leaning on "these limitations"', () => {
    const problem = (abstract: string[]) =>
      keyPoints(about('Adaptive Loss Scaling', abstract.join(' '))).find((p) => p.startsWith('Problem:'));
    const opening = 'Mixed precision training speeds up deep networks on modern accelerators.';
    const leaning = 'Existing tools address these limitations with expensive manual tuning that often fails.';
    const method = 'We propose adaptive loss scaling, which sets the scale of each layer during training.';
    const result = 'Experiments on ImageNet show that it improves accuracy by 1.2 points.';
    // "It is difficult to…" stands for nothing before it: a fine bullet.
    const expletive = 'It is difficult to pick one loss scale that works for every layer.';
    expect(problem([opening, leaning, expletive, method, result])).toBe(`Problem: ${expletive}`);
    // "However, they…" is shown as "They…": kept only when it names the problem clearly better than the rest.
    const pronoun = 'However, they rely on a single loss scale.';
    expect(
      problem([opening, leaning, pronoun, 'The scale is hard to tune and costly.', method, result]),
    ).toBe('Problem: The scale is hard to tune and costly.');
  });

  it('has nothing but the code link to offer when there is no abstract', () => {
    expect(keyPoints(paper({ id: 'e', title: 'Empty', abstract: '' }))).toEqual([]);
    expect(
      keyPoints(paper({ id: 'e', title: 'Empty', abstract: ' ', links: { code: 'https://gitlab.com/a/b' } })),
    ).toEqual(['Code: https://gitlab.com/a/b']);
  });

  it('reports an empty abstract as tldr "" from the built-in summariser', () => {
    const summary = builtinSummary(paper({ id: 'e', title: 'Empty', abstract: '' }));
    expect(summary).toEqual({ tldr: '', keyPoints: [], by: 'builtin' });
  });
});

describe('key points keep their numbers and describe this paper', () => {
  it('never takes a sentence about prior work for the result', () => {
    const points = keyPoints(TRANSFER_Q);
    for (const point of points) expect(point).not.toMatch(/^Result: (?:Hence, )?prior SoTA methods/i);
    expect(points.join(' ')).not.toMatch(/Q\^(?!\()/);
  });

  it('shows the finding with its headline number whole, within what a card shows', () => {
    const result = keyPoints(STOP_SUMMATION).find((p) => p.startsWith('Result: '));
    expect(result).toMatch(/^Result: PRM-based approaches .* within only 30% steps\.$/);
    expect(result?.length).toBeLessThanOrEqual(CARD_LIMITS.keyPoint);
    expect(paperCard(STOP_SUMMATION, builtinSummary(STOP_SUMMATION)).keyPoints.join(' ')).not.toContain('…');
  });

  it('keeps the parentheticals that hold the figures of a result', () => {
    const result = keyPoints(
      about(
        'Physics-Aware Motion Priors for Text-to-Video Generation',
        'Text-to-video models often produce motion that violates basic physics. We propose PhysPrior, a plug-in motion prior that penalises implausible trajectories during sampling. Experimental results demonstrate improvements in CLIP-Similarity (+2.2%), FID score (+9.3%), and Motion-FID (+3%), with human evaluation showing enhanced physical plausibility (+24%) and text-video alignment (+35%).',
      ),
    ).find((p) => p.startsWith('Result: '));
    expect(result).toContain('FID score (+9.3%)');
    expect(result).toContain('CLIP-Similarity (+2.2%)');
  });

  it('keeps "FID (2.27)" in a result bullet while the TL;DR candidates still drop remarks', () => {
    const sentence =
      'On ImageNet 256x256, our model reaches an FID (2.27) that matches diffusion transformers (see the appendix) at a tenth of the cost.';
    expect(withNumbers(sentence)).toContain('FID (2.27)');
    expect(withNumbers(sentence)).not.toContain('appendix');
  });

  it('never cuts a finding before the list it announces ("we find that: (1)…", arXiv 2604.06250)', () => {
    const bullet = withNumbers(
      'Evaluating 18 VLMs, we find that: (1) Chemistry exhibits substantially lower language-prior exploitability than Biology, confirming molecular visual content as a harder test of genuine visual reasoning; (2) Open-source models consistently score higher when reasoning from their own verbalized descriptions than from raw images, exposing a systematic integration bottleneck; and (3) Closed-source models show no such gap.',
    );
    // No bullet that fits keeps a figure here: none, rather than the announcement alone.
    expect(bullet).toBeUndefined();
  });

  it('drops the comparison, not the clause holding the headline figure, when a result is too long (arXiv 2509.03494)', () => {
    const sentence =
      'Evaluations across distortion types (synthetic, realistic, AI-generated) on KADID- 10k, KonIQ-10k, and AGIQA-3k demonstrate competitive performance against full finetuned methods and specialized NR-IQA models, achieving 0.93 SRCC on KADID-10k.';
    expect(withNumbers(sentence)).toBe(
      'Evaluations across distortion types on KADID- 10k, KonIQ-10k, and AGIQA-3k demonstrate competitive performance, achieving 0.93 SRCC on KADID-10k.',
    );
  });

  it('prefers the sentence with the headline figures to one piling up result words (arXiv 2509.21302)', () => {
    // Excerpt of arXiv 2509.21302 (QuantVGGT).
    const result = keyPoints(
      about(
        'Quantized Visual Geometry Grounded Transformer',
        [
          'Learning-based 3D reconstruction models have made remarkable progress with the use of large-scale transformers.',
          'Their prohibitive computational and memory costs severely hinder real-world deployment.',
          'This paper proposes the first Quantization framework for VGGTs, namely QuantVGGT.',
          'Comprehensive experiments demonstrate that QuantVGGT achieves the state-of-the-art results across different benchmarks and bit-width, surpassing the previous state-of-the-art generic quantization method with a great margin.',
          'We highlight that our 4-bit QuantVGGT can deliver a 3.7× memory reduction and 2.5× acceleration in real-hardware inference, while maintaining reconstruction accuracy above 98% of its full-precision counterpart.',
        ].join(' '),
      ),
    ).find((p) => p.startsWith('Result:'));
    expect(result).toMatch(/3\.7× memory reduction and 2\.5× acceleration/);
  });

  it('takes "This approach achieved … 80.56%" for the result: the approach is the paper\'s (arXiv 2509.02446)', () => {
    // Excerpt of arXiv 2509.02446 (Arabic medical text classification).
    const points = keyPoints(
      about(
        'Arabic Disease Classification from Social Telehealth Posts',
        [
          'Users frequently post symptoms on social media and online health platforms, creating a huge repository of medical data.',
          'In this study, we evaluate three Arabic medical text preprocessing methods before applying fine-tuned Arabic transformer models.',
          'To enhance robustness, we adopt a majority voting ensemble that combines predictions from original and preprocessed text representations.',
          'This approach achieved the best classification accuracy of 80.56%, thus showing its effectiveness in leveraging various text representations.',
        ].join(' '),
      ),
    );
    expect(points.find((p) => p.startsWith('Result:'))).toMatch(/80\.56%/);
    // "Remarkably, this achievement is reached…" still leans on a sentence not shown.
    expect(keyPoints(B_CODER).find((p) => p.startsWith('Result:'))).toMatch(
      /^Result: Our empirical evaluations/,
    );
  });

  it('gives a Method bullet that adds to a TL;DR composed from two sentences', () => {
    const summary = builtinSummary(SVDD);
    const method = summary.keyPoints.find((p) => p.startsWith('Method: '));
    expect(method).toBe(
      'Method: SVDD avoids fine-tuning generative models and eliminates the need to construct differentiable models.',
    );
    for (const point of summary.keyPoints) expect(point).not.toMatch(/iterative sampling method/);
  });

  it('names the method in a Result bullet that says "our algorithm" (SVDD) or "our method" (PMOE)', () => {
    expect(builtinSummary(SVDD).keyPoints).toContain(
      'Result: We demonstrate the effectiveness of SVDD across several domains, including image generation, molecule generation, and DNA/RNA sequence generation.',
    );
    const points = builtinSummary(MIXTURE_OF_EXPERTS).keyPoints.join('\n');
    // Its comparison sentence ("… compared with our method") is a Result now, not the Method; whichever is shown
    // names PMOE rather than "our method".
    expect(points).toMatch(/\bPMOE\b/);
    expect(points).not.toMatch(/\bour method\b/);
  });
});

/** A measured figure: "30%", "82.5", "2.27", "1,386", "3.5×" (not the "3" of "3 base models"). */
const FIGURE = /\d+(?:\.\d+)?\s*(?:%|×)|\b\d+\.\d+\b|\b\d{1,3}(?:,\d{3})+\b/;

describe('key points keep their numbers on every seed-catalog abstract', () => {
  const seeds = Object.entries(SEEDS);

  it.each(seeds)('%s: a Result bullet from a sentence with a figure shows a figure, whole', (_, p) => {
    const summary = builtinSummary(p);
    const card = paperCard(p, summary);
    const result = summary.keyPoints.find((k) => k.startsWith('Result: '));
    if (result) {
      // The sentence it came from: the one holding its first words (a lead-in like "we show that" may be gone).
      const head = result.slice('Result: '.length).split(' ').slice(0, 4).join(' ').toLowerCase();
      const source = (p.abstract ?? '').split(/(?<=[.!?])\s+/).find((s) => s.toLowerCase().includes(head));
      if (source && FIGURE.test(source)) expect(result).toMatch(FIGURE);
    }
    // A card never cuts a bullet: each is chosen to fit, so no number's clause loses its end.
    for (const point of card.keyPoints) {
      expect(point).not.toContain('…');
      expect(point.length).toBeLessThanOrEqual(CARD_LIMITS.keyPoint);
    }
  });

  it('gives STOP_SUMMATION a Result bullet with its headline figure', () => {
    expect(keyPoints(STOP_SUMMATION).find((k) => k.startsWith('Result: '))).toMatch(/30%/);
  });

  it.each(seeds)(
    '%s: no bullet ends on a linking phrase whose clause was cut ("…, in particular.")',
    (_, p) => {
      for (const point of keyPoints(p)) {
        expect(point).not.toMatch(/,\s(?:in particular|for example|for instance|specifically|namely)\.$/i);
      }
    },
  );

  it('keeps "Through experiments in …, we demonstrate the effectiveness…" out of the Method bullet', () => {
    const points = keyPoints(DIAGNOSING_DRL);
    expect(points.find((k) => k.startsWith('Method: '))).toBeUndefined();
    expect(points.join(' ')).not.toMatch(/Method: Through experiments/);
    expect(points.find((k) => k.startsWith('Problem: '))).toMatch(/decision boundary stability\.$/);
  });
});

describe('a Method bullet says how this paper works', () => {
  it('is not a statement about how a whole field works ("The majority of … builds on imitation learning")', () => {
    const points = keyPoints(IMITATING_LANGUAGE);
    expect(points.find((p) => p.startsWith('Method:')) ?? '').not.toMatch(/majority of language model/);
  });

  it('is neither what prior work lacks, nor a finding, nor a comparison ("… are also compared with our method")', () => {
    const points = keyPoints(MIXTURE_OF_EXPERTS);
    // The TL;DR is the abstract's only method sentence: no other one is taken for it.
    for (const point of points)
      expect(point).not.toMatch(/^Method: .*(?:to our best knowledge|demonstrate|compared)/i);
    expect(points.join('\n')).not.toMatch(/compared with our method/);
    expect(points.find((p) => p.startsWith('Result:'))).toMatch(/We further empirically demonstrate/);
  });

  it('is never what the method achieved ("Our approach significantly reduces the sub-optimality gap…")', () => {
    const points = keyPoints(TRANSFER_Q);
    expect(points.find((p) => p.startsWith('Method:')) ?? '').not.toMatch(/reduces the sub-optimality gap/);
    expect(points.find((p) => p.startsWith('Result:'))).toMatch(
      /^Result: Our approach significantly reduces the sub-optimality gap/,
    );
    // "Our model reaches a FVD of 212 on UCF-101, 30% better than prior work." is the result, with its figures.
    const video = keyPoints(DIFFUSION_VIDEO);
    expect(video.find((p) => p.startsWith('Method:'))).toBeUndefined();
    expect(video.find((p) => p.startsWith('Result:'))).toMatch(/FVD of 212 .*30% better/);
  });

  it('keeps a figure-bearing claim as the method and a figure-bearing outcome as the result (arXiv 2605.11118)', () => {
    // Excerpt of arXiv 2605.11118 ("A Cascaded Generative Approach for e-Commerce Recommendations").
    const points = keyPoints(
      about(
        'A Cascaded Generative Approach for e-Commerce Recommendations',
        [
          'Personalized storefronts in large e-commerce marketplaces are often assembled from many independent components.',
          'To address this, we introduce a cascaded merchandising framework that decomposes storefront construction into two generative tasks.',
          'Teacher-student fine-tuning is leveraged to improve scalability of this framework under production latency and cost constraints.',
          'Generative output is fused with traditional ranking models to preserve hybrid infrastructure.',
          'In online experiments, this framework yields an estimated +2.7% lift in cart adds per page view over a strong baseline.',
        ].join(' '),
      ),
    );
    expect(points.find((p) => p.startsWith('Method:'))).toMatch(/Teacher-student fine-tuning/);
    expect(points.find((p) => p.startsWith('Result:'))).toMatch(/\+2\.7% lift/);
  });
});

describe('a result bullet never cuts inside the clause that holds its figure', () => {
  it('drops "and leads on a subset of ETH-XGaze by 11.6%" whole, not down to "…, and leads." (arXiv 2402.01555)', () => {
    const bullet = withNumbers(
      'Our evaluation on benchmark datasets achieves a 10.9% improvement on Gaze360, supersedes top MPIIFaceGaze ' +
        'results with 3.8%, and leads on a subset of ETH-XGaze by 11.6%, surpassing existing methods by significant ' +
        'margins.',
    );
    expect(bullet).toMatch(/10\.9%/);
    expect(bullet).not.toMatch(/and leads\.$/);
  });

  it('ends a result too long for a card at the clause after its first figure (arXiv 2507.22943)', () => {
    const sentence =
      'We empirically demonstrate that the NLP-assisted annotation process reduced the time spent on review per ' +
      'chart by 40% and use of the pre-defined stopping rule with multi-wave samples would have prevented review ' +
      'of 77% of patient charts.';
    expect(withNumbers(sentence)).toBeUndefined();
    expect(figureClause(sentence, sentence)).toBe(
      'The NLP-assisted annotation process reduced the time spent on review per chart by 40%.',
    );
  });

  it('keeps the figures a card would show of the longer bullet over a clause with fewer', () => {
    // arXiv 2508.07586: "…by up to 77.8% and 14.3% compared to…" shows both figures within a card's limit.
    const sentence =
      'Simulation results show that the proposed algorithm can improve the privacy and the semantic information ' +
      'transmission quality by up to 77.8% and 14.3% compared to the traditional reinforcement learning methods.';
    expect(figureClause(sentence, sentence)).toBeUndefined();
  });
});

describe('a Result bullet carries the headline number', () => {
  it('takes "For example, on GenVideo, D3 outperforms … by 10.39%" when the example is the method\'s (arXiv 2508.00701)', () => {
    const points = keyPoints(
      about(
        'D3: Training-Free AI-Generated Video Detection Using Second-Order Features',
        'However, existing detection methodologies remain limited by their insufficient exploration of temporal ' +
          'artifacts in synthetic videos. Concretely, we propose Detection by Difference of Differences (D3), a novel ' +
          'training-free detection method that leverages second-order temporal discrepancies. We validate the ' +
          'superiority of our D3 on 4 open-source datasets, 40 subsets in total. For example, on GenVideo, D3 ' +
          'outperforms the previous best method by 10.39% (absolute) mean Average Precision. Additional experiments ' +
          "on time cost and post-processing operations demonstrate D3's exceptional computational efficiency.",
      ),
    );
    expect(points.find((p) => p.startsWith('Result:'))).toMatch(/10\.39%/);
  });

  it('takes "Together, these improvements lead to a 5-100x speedup" only with its figure (arXiv 2508.01170)', () => {
    const points = keyPoints(
      about(
        'Fast tracking',
        'Existing point trackers are slow because correlation features are costly. We propose a new tracker that ' +
          'shares correlation features across frames. We propose an optimization that significantly reduces the ' +
          'cost of correlation feature computation. Together, these improvements lead to a 5-100x speedup over ' +
          'existing approaches while maintaining state-of-the-art tracking accuracy.',
      ),
    );
    expect(points.find((p) => p.startsWith('Result:'))).toMatch(/5-100x speedup/);
  });
});

describe('a version is no figure', () => {
  it('takes the finding, not "We evaluate … Gemini 2.5 Pro, GPT-5", as the Result (arXiv 2511.09378)', () => {
    const points = keyPoints(
      about(
        'The 2025 Planning Performance of Frontier Large Language Models',
        'We provide an updated evaluation of the end-to-end planning performance of three frontier LLMs as of 2025, ' +
          'where models are prompted to generate a plan from PDDL domain and task descriptions. We evaluate DeepSeek ' +
          'R1, Gemini 2.5 Pro, GPT-5 and as reference the planner LAMA on a subset of domains from the most recent ' +
          'Learning Track of the International Planning Competition. Our results show that on standard PDDL domains, ' +
          'the performance of GPT-5 in terms of solved tasks is competitive with LAMA.',
      ),
    );
    expect(points.find((p) => p.startsWith('Result:'))).toMatch(/competitive with LAMA/);
  });

  it('still counts a metric\'s decimal ("FID 2.27") as one', () => {
    expect(withNumbers('Our model reaches FID 2.27 on ImageNet, using Claude 3.7 as the judge.')).toMatch(
      /2\.27/,
    );
  });
});

describe('a bullet shows no raw address', () => {
  it('never makes "We release our benchmark at https://…" the Method bullet (arXiv 2508.10014)', () => {
    const points = keyPoints(
      about(
        'PersonaEval: Are LLM Evaluators Human Enough to Judge Role-Play?',
        'Current role-play studies often rely on unvalidated LLM-as-a-judge paradigms, which may fail to reflect how ' +
          'humans perceive role fidelity. We present PersonaEval, the first benchmark designed to test whether LLM ' +
          'evaluators can reliably identify human roles. PersonaEval uses human-authored dialogues from novels, ' +
          'scripts, and video transcripts, challenging models to determine the correct persona according to the ' +
          'conversation context. In contrast, human participants perform near ceiling with 90.8% accuracy, ' +
          'highlighting that current LLM evaluators are still not human enough to effectively judge role-play ' +
          'scenarios. We release our benchmark at https://github.com/maple-zhou/PersonaEval.',
      ),
    );
    expect(points.length).toBeGreaterThanOrEqual(2);
    for (const point of points) expect(point).not.toMatch(/https?:|github|We release/);
  });

  it("drops an address the splitter left after a result's stop, keeping the figures (arXiv 2508.13020)", () => {
    const points = keyPoints(
      about(
        'e-boost: Boosted E-Graph Extraction with Adaptive Heuristics and Exact Solving',
        'E-graph extraction is a challenging NP-hard combinatorial optimization problem. We present e-boost, a ' +
          'novel framework that bridges this gap through three key innovations. In realistic logic synthesis tasks, ' +
          'e-boost produces 7.6% and 8.1% area improvements compared to conventional synthesis tools with two ' +
          'different technology mapping libraries. e-boost is available at https://github.com/Yu-Maryland/e-boost.',
      ),
    );
    const result = points.find((p) => p.startsWith('Result:')) ?? '';
    expect(result).toMatch(/7\.6% and 8\.1% area improvements/);
    expect(result).toMatch(/libraries\.$/);
  });
});

describe('a Problem bullet states a problem', () => {
  const label = (points: string[], text: RegExp) => points.find((p) => text.test(p))?.split(':')[0];

  it('calls an opening sentence that names no problem the context, not the problem', () => {
    // "However, the broader field of imitation learning can more effectively utilize…" states an opportunity, and
    // no sentence before the method names a problem: the opening sentence is shown as what it is.
    const imitating = keyPoints(IMITATING_LANGUAGE);
    expect(imitating.some((p) => p.startsWith('Problem:'))).toBe(false);
    expect(imitating).toContain(
      'Context: The majority of language model training builds on imitation learning.',
    );
    // "…has successfully solved various problems" names problems solved, not one the paper faces.
    expect(label(keyPoints(MIXTURE_OF_EXPERTS), /solved various problems/)).toBe('Context');
  });

  it('drops a phrase pointing back ("for achieving this goal") to show the sentence that states the gap', () => {
    expect(keyPoints(SVDD)[0]).toBe(
      'Problem: Existing methods often require “differentiable” proxy models or involve computationally expensive fine-tuning of diffusion models.',
    );
  });

  it('finds the gap in a need, a contrast or what existing methods do', () => {
    expect(keyPoints(HEALTH_TEXT)[0]).toMatch(/^Problem: There is a critical need for high-performing/);
    // Excerpt of arXiv 2603.29394 (AA-Splat): the gap names no problem word, but says what existing methods do.
    const splat = keyPoints(
      about(
        'AA-Splat: Anti-Aliased Feed-forward Gaussian Splatting',
        [
          'Feed-forward 3D Gaussian Splatting (FF-3DGS) emerges as a fast and robust solution for sparse-view 3D reconstruction and novel view synthesis (NVS).',
          'However, existing FF-3DGS methods are built on incorrect screen-space dilation filters, causing severe rendering artifacts when rendering at out-of-distribution sampling rates.',
          'We firstly propose an FF-3DGS model, called AA-Splat, to enable robust anti-aliased rendering at any resolution.',
          'AA-Splat demonstrates drastic improvements with average 5.4dB PSNR gains on NVS performance over a state-of-the-art (SOTA) baseline, DepthSplat, at all resolutions.',
        ].join(' '),
      ),
    );
    expect(splat[0]).toMatch(/^Problem: Existing FF-3DGS methods are built on incorrect/);
    expect(splat.find((p) => p.startsWith('Result:'))).toMatch(/5\.4dB PSNR/);
  });
});

describe('keyPoints read on their own (session 12)', () => {
  it('takes the finding "reaching 74.4% refusal" over a weaker cued one (arXiv 2603.14723)', () => {
    const points = keyPoints(
      about(
        'Beyond Creed: A Non-Identity Safety Condition',
        'How safety supervision is written may matter more than the explicit identity content it contains. We study low-data LoRA safety fine-tuning with four supervision formats built from the same core safety rules: constitutional rules (A), creed-style identity framing (B), a B-matched creed condition with a worldview/confession identity-maintenance tail (C), and a matched non-identity condition (D). Across three instruction-tuned model families (Llama 3.1 8B, Qwen2.5 7B, and Gemma 3 4B), we evaluate HarmBench using a reconciled dual-judge pipeline combining Bedrock-hosted DeepSeek v3.2 and Sonnet 4.6, with disagreement and boundary cases manually resolved. The non-identity condition D is the strongest group on all three model families on the full 320-behavior HarmBench set, reaching 74.4% refusal on Llama, 76.9% on Gemma, and 74.1% on Qwen. By comparison, creed-style framing (B) improves over plain constitutional rules (A) on Llama and Gemma, but remains substantially below D. Capability evaluations on MMLU and ARC-Challenge show no meaningful trade-off across conditions.',
      ),
    );
    expect(points.find((p) => p.startsWith('Result: '))).toMatch(/reaching 74\.4% refusal/);
  });

  it('gives no bullet to what the authors hope ("We believe that FinMMR will drive…", arXiv 2508.04625)', () => {
    const points = keyPoints(
      about(
        'FinMMR: Make Financial Numerical Reasoning More Multimodal, Comprehensive, and Challenging',
        'We present FinMMR, a novel bilingual multimodal benchmark tailored to evaluate the reasoning capabilities of multimodal large language models (MLLMs) in financial numerical reasoning tasks. Compared to existing benchmarks, our work introduces three significant advancements. (1) Multimodality: We meticulously transform existing financial reasoning benchmarks, and construct novel questions from the latest Chinese financial research reports. FinMMR comprises 4.3K questions and 8.7K images spanning 14 categories, including tables, bar charts, and ownership structure charts. (2) Comprehensiveness: FinMMR encompasses 14 financial subdomains, including corporate finance, banking, and industry analysis, significantly exceeding existing benchmarks in financial domain knowledge breadth. (3) Challenge: Models are required to perform multi-step precise numerical reasoning by integrating financial knowledge with the understanding of complex financial images and text. The best-performing MLLM achieves only 53.0% accuracy on Hard problems. We believe that FinMMR will drive advancements in enhancing the reasoning capabilities of MLLMs in real-world scenarios.',
      ),
    );
    expect(points.join(' ')).not.toMatch(/We believe/);
    expect(points.join(' ')).not.toMatch(/Challenge:/);
    expect(points).toContain(
      'Result: The best-performing MLLM achieves only 53.0% accuracy on Hard problems.',
    );
  });

  it('takes "EgoTrigger uses …" as the method, not where it was evaluated (arXiv 2508.01915)', () => {
    const points = keyPoints(
      about(
        'EgoTrigger: Toward Audio-Driven Image Capture for Human Memory Enhancement in All-Day Energy-Efficient Smart Glasses',
        'All-day smart glasses are likely to emerge as platforms capable of continuous contextual sensing, uniquely positioning them for unprecedented assistance in our daily lives. Integrating the multi-modal AI agents required for human memory enhancement while performing continuous sensing, however, presents a major energy efficiency challenge for all-day usage. Achieving this balance requires intelligent, context-aware sensor management. Our approach, EgoTrigger, leverages audio cues from the microphone to selectively activate power-intensive cameras, enabling efficient sensing while preserving substantial utility for human memory enhancement. EgoTrigger uses a lightweight audio model (YAMNet) and a custom classification head to trigger image capture from hand-object interaction (HOI) audio cues, such as the sound of a drawer opening or a medication bottle being opened. In addition to evaluating on the QA-Ego4D dataset, we introduce and evaluate on the Human Memory Enhancement Question-Answer (HME-QA) dataset. Our dataset contains 340 human-annotated first-person QA pairs from full-length Ego4D videos that were curated to ensure that they contained audio, focusing on HOI moments critical for contextual understanding and memory. Our results show EgoTrigger can use 54% fewer frames on average, significantly saving energy in both power-hungry sensing components (e.g., cameras) and downstream operations (e.g., wireless transmission), while achieving comparable performance on datasets for an episodic memory task. We believe this context-aware triggering strategy represents a promising direction for enabling energy-efficient, functional smart glasses capable of all-day use -- supporting applications like helping users recall where they placed their keys or information about their routine activities (e.g., taking medications).',
      ),
    );
    // Either of its two method sentences (which one turns on the ranker's weights), never the evaluation.
    const method = points.find((p) => p.startsWith('Method: '));
    expect(method).toMatch(/^Method: EgoTrigger (uses a lightweight audio model|leverages audio cues)/);
    expect(method).not.toMatch(/evaluate/);
  });

  it('never takes "We train and evaluate TADM-3D on …" as the method (arXiv 2509.03141)', () => {
    const points = keyPoints(
      about(
        'Temporally-Aware Diffusion Model for Brain Progression Modelling with Bidirectional Temporal Regularisation',
        'Generating realistic MRIs to accurately predict future changes in the structure of brain is an invaluable tool for clinicians in assessing clinical outcomes and analysing the disease progression at the patient level. However, current existing methods present some limitations: (i) some approaches fail to explicitly capture the relationship between structural changes and time intervals, especially when trained on age-imbalanced datasets; (ii) others rely only on scan interpolation, which lack clinical utility, as they generate intermediate images between timepoints rather than future pathological progression. We propose a 3D Temporally-Aware Diffusion Model (TADM-3D), which accurately predicts brain progression on MRI volumes. Additionally, to further improve the temporal awareness of TADM-3D, we propose the Back-In-Time Regularisation (BITR), by training TADM-3D to predict bidirectionally from the baseline to follow-up (forward), as well as from the follow-up to baseline (backward). Although predicting past scans has limited clinical applications, this regularisation helps the model generate temporally more accurate scans. We train and evaluate TADM-3D on the OASIS-3 dataset, and we validate the generalisation performance on an external test set from the NACC dataset. The code will be available upon acceptance.',
      ),
    );
    const method = points.find((p) => p.startsWith('Method: '));
    expect(method).toMatch(/Back-In-Time Regularisation/);
    expect(method).not.toMatch(/as well\.$/);
  });

  it('takes neither a hope nor a turn against prior work as the method or result (arXiv 2605.14028)', () => {
    const points = keyPoints(
      about(
        'Unified Pix Token And Word Token Generative Language Model',
        'Since the emergence of Vision Transformer (ViT), it has been widely used in generative language model and generative visual model. Especially in the current state-of-art open source multimodal models, ViT obtained by CLIP or SigLIP method serves as the vision encoder backbone to help them acquire visual understanding capabilities. But this method leads to limitations in visual understanding for details, such as difficulty in recognizing small text or numbers in images. To address these issues, we propose a new model to unify pix token and word token into the generative language model. The new model also features with each pix of image having its own token embedding, color folding, global conditional attention approximation and image unsupervised pretraining. We conducted image unsupervised pretraining experiments using our new model to explore its potential. The experimental results show that it has good performance even in small model and with limited training data. We believe our model also conforms to the scaling law, as long as model parameters and training data increased, its performance will continue to improve.',
      ),
    );
    // "But this method leads to limitations…" may state the problem; it is not the method.
    expect(points.join(' ')).not.toMatch(/Method: But this method|We believe/);
  });

  it('never reports what an earlier paper found as the result (SciTLDR dev BJe55gBtvH)', () => {
    const points = keyPoints(
      about(
        "Depth-Width Trade-offs for ReLU Networks via Sharkovsky's Theorem",
        'Understanding the representational power of Deep Neural Networks (DNNs) and how their structural properties (e.g., depth, width, type of activation unit) affect the functions they can compute, has been an important yet challenging question in deep learning and approximation theory. In a seminal paper, Telgarsky high- lighted the benefits of depth by presenting a family of functions (based on sim- ple triangular waves) for which DNNs achieve zero classification error, whereas shallow networks with fewer than exponentially many nodes incur constant error. Even though Telgarsky’s work reveals the limitations of shallow neural networks, it doesn’t inform us on why these functions are difficult to represent and in fact he states it as a tantalizing open question to characterize those functions that cannot be well-approximated by smaller depths. In this work, we point to a new connection between DNNs expressivity and Sharkovsky’s Theorem from dynamical systems, that enables us to characterize the depth-width trade-offs of ReLU networks for representing functions based on the presence of a generalized notion of fixed points, called periodic points (a fixed point is a point of period 1). Technically, the crux of our approach is based on an eigenvalue analysis of the dynamical systems associated with such functions.',
      ),
    );
    expect(points.join(' ')).not.toMatch(/seminal paper|whereas shallow networks\./);
  });
});

describe('a problem bullet keeps its problem', () => {
  it('keeps "remains critically underexplored" rather than stopping inside the concession (arXiv 2508.04551)', () => {
    const points = keyPoints(
      about(
        'Two-Way Garment Transfer: Unified Diffusion Framework for Dressing and Undressing Synthesis',
        'While recent advances in virtual try-on (VTON) have achieved realistic garment transfer to human subjects, its inverse task, virtual try-off (VTOFF), which aims to reconstruct canonical garment templates from dressed humans, remains critically underexplored and lacks systematic investigation. Existing works predominantly treat them as isolated tasks: VTON focuses on garment dressing while VTOFF addresses garment extraction, thereby neglecting their complementary symmetry. To bridge this fundamental gap, we propose the Two-Way Garment Transfer Model (TWGTM), to the best of our knowledge, the first unified framework for joint clothing-centric image synthesis that simultaneously resolves both mask-guided VTON and mask-free VTOFF through bidirectional feature disentanglement. Specifically, our framework employs dual-conditioned guidance from both latent and pixel spaces of reference images to seamlessly bridge the dual tasks. On the other hand, to resolve the inherent mask dependency asymmetry between mask-guided VTON and mask-free VTOFF, we devise a phased training paradigm that progressively bridges this modality gap. Extensive qualitative and quantitative experiments conducted across the DressCode and VITON-HD datasets validate the efficacy and competitive edge of our proposed approach.',
      ),
    );
    expect(points.find((p) => p.startsWith('Problem: '))).toMatch(/remains critically underexplored/);
  });

  it('keeps "yet they face fundamental challenges" after the praise it follows (arXiv 2508.08997)', () => {
    const points = keyPoints(
      about(
        'Intrinsic Memory Agents: Heterogeneous Multi-Agent LLM Systems through Structured Contextual Memory',
        'Multi-agent systems built on Large Language Models (LLMs) show exceptional promise for complex collaborative problem-solving, yet they face fundamental challenges stemming from context window limitations that impair memory consistency, role adherence, and procedural integrity. This paper introduces Intrinsic Memory Agents, a novel framework that addresses these limitations through structured agent-specific memories that evolve intrinsically with agent outputs. Specifically, our method maintains role-aligned memory templates that preserve specialized perspectives while focusing on task-relevant information. We benchmark our approach on the PDDL dataset, comparing its performance to existing state-of-the-art multi-agentic memory approaches and showing an improvement of 38.6% with the highest token efficiency. Our findings suggest that addressing memory limitations through structured, intrinsic approaches can improve the capabilities of multi-agent LLM systems on structured planning tasks.',
      ),
    );
    expect(points.find((p) => p.startsWith('Problem: '))?.slice(0, 200)).toMatch(
      /yet they face fundamental challenges/,
    );
  });
});

describe('the method bullet', () => {
  it('is never the problem sentence again, nor a concession that states a cost (arXiv 2510.14913)', () => {
    const points = keyPoints(
      about(
        'Budget-aware Test-time Scaling via Discriminative Verification',
        'Test-time scaling is a powerful strategy for boosting the performance of large language models on complex reasoning tasks. While state-of-the-art approaches often employ generative verifiers to select the best solution from a pool of candidates, this method incurs prohibitive computational costs, limiting its practicality. In this work, we shift the focus to a more budget-aware paradigm: discriminative verification. We conduct a thorough empirical analysis and demonstrate that while discriminative verifiers may underperform in isolation, combining them with self-consistency in a hybrid approach creates a powerful and efficient test-time scaling mechanism. Notably, under a fixed compute budget, this hybrid approach surpasses state-of-the-art generative verification by a significant margin: achieving up to 15.3\\% higher accuracy on AIME2025. Our findings establish that for practical, real-world applications, budget-aware scaling with discriminative verifiers is not only a "free" upgrade over self-consistency, but also a more effective and efficient alternative to costly generative techniques. Code is available at https://github.com/wang-research-lab/verification.',
      ),
    );
    expect(new Set(points).size).toBe(points.length);
    expect(points.find((p) => p.startsWith('Method: '))).toBeUndefined();
  });

  it('is not what a field is to another ("… is a key component in video generation", arXiv 2510.08799)', () => {
    const points = keyPoints(
      about(
        'SkipSR: Faster Super Resolution with Token Skipping',
        'Diffusion-based super-resolution (SR) is a key component in video generation and video restoration, but is slow and expensive, limiting scalability to higher resolutions and longer videos. Our key insight is that many regions in video are inherently low-detail and gain little from refinement, yet current methods process all pixels uniformly. To take advantage of this, we propose SkipSR, a simple framework for accelerating video SR by identifying low-detail regions directly from low-resolution input, then skipping computation on them entirely, only super-resolving the areas that require refinement. This simple yet effective strategy preserves perceptual quality in both standard and one-step diffusion SR models while significantly reducing computation. In standard SR benchmarks, our method achieves up to 60% faster end-to-end latency than prior models on 720p videos with no perceptible loss in quality. Video demos are available at https://rccchoudhury.github.io/skipsr/',
      ),
    );
    expect(points.find((p) => p.startsWith('Method: '))).toMatch(/^Method: Our key insight/);
    expect(new Set(points.map((p) => p.slice(p.indexOf(':')))).size).toBe(points.length);
  });
});
