import { describe, expect, it } from 'vitest';
import {
  dropInnerClauses,
  dropParentheticals,
  finish,
  stripLeadIn,
  variants,
} from '../../src/summarize/compress.js';

const texts = (sentence: string) => variants(sentence).map((v) => v.text);

describe('stripLeadIn', () => {
  it('turns "In this paper, we propose" into "We propose"', () => {
    expect(stripLeadIn('In this paper, we propose a sparse attention scheme for long documents.')).toBe(
      'We propose a sparse attention scheme for long documents.',
    );
    expect(stripLeadIn('In this work we study how transformers memorise facts.')).toBe(
      'We study how transformers memorise facts.',
    );
  });

  it('drops linking adverbs and purpose openers before "we"', () => {
    expect(stripLeadIn('To address this issue, we introduce a calibrated loss.')).toBe(
      'We introduce a calibrated loss.',
    );
    expect(stripLeadIn('Specifically, we learn a policy from logged data.')).toBe(
      'We learn a policy from logged data.',
    );
    expect(stripLeadIn('Here we show that pruning helps.')).toBe('We show that pruning helps.');
  });

  it('removes "in this paper" inside a sentence', () => {
    expect(stripLeadIn('We study these issues in this paper by training a small quantizer.')).toBe(
      'We study these issues by training a small quantizer.',
    );
    expect(stripLeadIn('We propose, in this paper, a method for graphs.')).toBe(
      'We propose a method for graphs.',
    );
  });

  it('turns "We address this problem by introducing X" into the claim "We introduce X"', () => {
    expect(stripLeadIn('We address these issues in this paper by proposing a new quantizer.')).toBe(
      'We propose a new quantizer.',
    );
    expect(stripLeadIn('We tackle this problem by introducing TFGAN, a GAN with text filters.')).toBe(
      'We introduce TFGAN, a GAN with text filters.',
    );
    // Not pointing back: what is addressed is said here, so the sentence stays whole.
    expect(stripLeadIn('We address label noise by proposing a robust loss.')).toBeUndefined();
  });

  it('drops a concession before "in this paper we propose", keeping the claim', () => {
    expect(
      stripLeadIn(
        'While common methods encode the history with a recurrent network, in this paper we propose an event record.',
      ),
    ).toBe('We propose an event record.');
  });

  it('keeps openers that limit the claim, so it never overreaches', () => {
    expect(stripLeadIn('For linear networks, we show that every local minimum is global.')).toBeUndefined();
    expect(stripLeadIn('If the data are separable, we prove convergence.')).toBeUndefined();
  });

  it('does not take "Further" for an adverb when it opens a noun phrase', () => {
    expect(stripLeadIn('Further experiments confirm the gain.')).toBeUndefined();
  });
});

describe('stripLeadIn on openers before a claim (SciTLDR dev and arXiv sentences)', () => {
  it('drops an opener that points at a problem or an insight said in a sentence not shown', () => {
    // arXiv 2507.22910 and 2508.20736.
    expect(
      stripLeadIn(
        'In response to these challenges, we present an industrial case study involving the integration of Large Language Models.',
      ),
    ).toBe('We present an industrial case study involving the integration of Large Language Models.');
    expect(
      stripLeadIn(
        'Addressing this challenge, we introduce DP-ST, which leverages semantic triples for private document generation.',
      ),
    ).toBe('We introduce DP-ST, which leverages semantic triples for private document generation.');
    // SciTLDR dev rJgv9J3NKH: a document the lead-in list does not name.
    expect(
      stripLeadIn(
        'In this preliminary work, we study the generalization properties of infinite ensembles of infinitely-wide neural networks.',
      ),
    ).toBe(
      'We study the generalization properties of infinite ensembles of infinitely-wide neural networks.',
    );
  });

  it('keeps an opener that points at the means: it opens a follow-up step, not the claim', () => {
    // SciTLDR dev SkeZisA5t7: as "We explored compression…" the ranker took it over the paper's finding.
    expect(
      stripLeadIn(
        'Using these adaptive estimation techniques, we explored compression in networks with a range of different activation functions.',
      ),
    ).toBeUndefined();
  });

  it('drops an opener that says how the claim was shown', () => {
    // SciTLDR dev BkxWJnC9tX and arXiv 2508.18297.
    expect(
      stripLeadIn(
        'In our experiments, we find that adding architectural diversity to routing models significantly improves performance.',
      ),
    ).toBe(
      'We find that adding architectural diversity to routing models significantly improves performance.',
    );
    expect(
      stripLeadIn(
        'Through a controlled study, we identify a systematic deficiency in the multimodal grounding of Vision Language Models.',
      ),
    ).toBe('We identify a systematic deficiency in the multimodal grounding of Vision Language Models.');
  });

  it('drops a topic frame before the claim', () => {
    // SciTLDR dev rkxmPgrKwB, read on dev: the claim opens the TL;DR.
    expect(
      stripLeadIn(
        'In relation to the structure of the landscape, we study the permutation symmetry of neurons in each layer of a deep neural network.',
      ),
    ).toBe('We study the permutation symmetry of neurons in each layer of a deep neural network.');
    // arXiv 2508.11330.
    expect(
      stripLeadIn(
        'Regarding both principles, we propose a novel Noise Optimization method to learn matching noise.',
      ),
    ).toBe('We propose a novel Noise Optimization method to learn matching noise.');
  });

  it('drops links that only continue the sentence before', () => {
    // arXiv 2508.01222 and 2508.11182.
    expect(
      stripLeadIn('In response, we introduce WebDS, the first end-to-end web-based data science benchmark.'),
    ).toBe('We introduce WebDS, the first end-to-end web-based data science benchmark.');
    expect(
      stripLeadIn(
        'More specifically, we study two prominent alternatives to the standard notion of admissibility.',
      ),
    ).toBe('We study two prominent alternatives to the standard notion of admissibility.');
  });

  it('drops links to a problem, a list or a motivation said before, and a list marker', () => {
    // arXiv 2508.04422, 2508.00757, 2508.09886, 2508.09378, 2508.05307, 2508.10164, 2508.05609.
    for (const [sentence, claim] of [
      [
        'As a solution, we propose a deformable inter-task attention.',
        'We propose a deformable inter-task attention.',
      ],
      ['With a similar motivation, we introduce GLiDRE, a new model.', 'We introduce GLiDRE, a new model.'],
      [
        'Considering this, we propose a Universal Collaborative Mixture of Experts.',
        'We propose a Universal Collaborative Mixture of Experts.',
      ],
      [
        'Advancing this line of research, we propose APIO, a prompt induction approach.',
        'We propose APIO, a prompt induction approach.',
      ],
      [
        'Integrating these advancements, we present CoCAViT, a novel visual backbone.',
        'We present CoCAViT, a novel visual backbone.',
      ],
      [
        'Based on the analysis, we propose Length Controlled Preference Optimization.',
        'We propose Length Controlled Preference Optimization.',
      ],
      [
        'For the second issue, we propose a memory module that stores past states.',
        'We propose a memory module that stores past states.',
      ],
      [
        '1) To address these challenges, we introduce Hi3DEval, a hierarchical framework.',
        'We introduce Hi3DEval, a hierarchical framework.',
      ],
      // SciTLDR train BJxpIJHKwB: a roman numeral's bracket stands later than a digit's.
      [
        'ii) To guarantee the generated weights adapt to each query sample, we propose a meta-learner.',
        'We propose a meta-learner.',
      ],
    ]) {
      expect(stripLeadIn(sentence as string)).toBe(claim);
    }
    // Stacked openers go together: one alone left "And inspired by…, we…" (arXiv 2507.22937 stacks two).
    expect(
      stripLeadIn('Motivated by these findings, and inspired by biology, we propose X, a new method.'),
    ).toBe('We propose X, a new method.');
    expect(
      stripLeadIn(
        'Inspired by these works,to address the similar challenges in AIOPS, this paper first proposes a framework(CoE-Ops).',
      ),
    ).toBe('This paper first proposes a framework(CoE-Ops).');
    // Novelty is part of the claim (arXiv 2508.02157).
    expect(
      stripLeadIn('For the first time, we introduce a unified model for pose estimation.'),
    ).toBeUndefined();
  });

  it('drops a purpose, motivation or contrast clause before "this paper" or "this work" as before "we"', () => {
    // arXiv 2508.02411 and 2508.11834.
    expect(
      stripLeadIn(
        'Inspired by the strong structural modeling capability of hypergraphs, this paper proposes a hypergraph-based time series transformer.',
      ),
    ).toBe('This paper proposes a hypergraph-based time series transformer.');
    expect(
      stripLeadIn(
        'Unlike previous surveys, this work presents a unified taxonomy of Transformer-based UAV models.',
      ),
    ).toBe('This work presents a unified taxonomy of Transformer-based UAV models.');
    // arXiv 2507.23509: "our understanding" is background, not the authors' work.
    expect(
      stripLeadIn(
        "While we can assess a model's classification accuracy statistically, our understanding of the way these models work is limited.",
      ),
    ).toBeUndefined();
    // SciTLDR dev SylOlp4FvH and ByMQgZHYoX: an alternative or an addition to something else.
    expect(
      stripLeadIn(
        'As an alternative to policy gradient algorithms, we introduce V-MPO, an on-policy adaptation of MPO.',
      ),
    ).toBe('We introduce V-MPO, an on-policy adaptation of MPO.');
    expect(
      stripLeadIn(
        'In addition to sparsification of individual weights and neurons, we propose to sparsify preactivations of gates.',
      ),
    ).toBe('We propose to sparsify preactivations of gates.');
    // A clause before any other subject stays: "While X, Y holds" needs its concession.
    expect(
      stripLeadIn(
        'While standard LSTMs track information at different time scales, they have no explicit bias.',
      ),
    ).toBeUndefined();
  });

  it('drops an opener before "this paper" as before "we"', () => {
    // arXiv 2508.00853.
    expect(
      stripLeadIn('Through these contributions, this paper presents a meta-formal logical framework.'),
    ).toBe('This paper presents a meta-formal logical framework.');
  });

  it('drops a lead-in whose comma lacks its space', () => {
    // SciTLDR dev Hkxp3JHtPr.
    expect(stripLeadIn('In this work,we propose two variational methods for training VAEs for SSAD.')).toBe(
      'We propose two variational methods for training VAEs for SSAD.',
    );
  });

  it('drops a stop left over from the sentence before', () => {
    // SciTLDR dev H1g7sxHKPr opens with ". In this work, …".
    expect(
      stripLeadIn('. In this work, we propose a meta-learning algorithm equipped with gradient corrections.'),
    ).toBe('We propose a meta-learning algorithm equipped with gradient corrections.');
    expect(finish('. We propose a meta-learning algorithm')).toBe('We propose a meta-learning algorithm.');
  });

  it('keeps openers that limit where the claim holds', () => {
    // SciTLDR dev SJezFk2VYH, H1gza2NtwH, ByxdUySKvS, rkxsgkHKvH, train HyiRazbRb.
    for (const sentence of [
      'For a variety of deep Bayesian neural networks trained using Gaussian mean-field variational inference, we find that the posterior standard deviations exhibit low-rank structure.',
      'Under mild assumptions, we use random matrix theory to show that the True Hessian has eigenvalues of smaller absolute value.',
      'On ImageNet, we achieve a leading performance of top-1 accuracy 79.40% on ResNet-50.',
      'In experiments on three public datasets, our proposed method matches the performance of prior activation functions.',
      'In this case, we show that, with significant probability, initializing the weight matrix by sampling from a spherical Gaussian recovers the dictionary.',
    ])
      expect(stripLeadIn(sentence)).toBeUndefined();
  });

  it('keeps a hedge, a method the claim needs, and an opener with a verb of its own', () => {
    // SciTLDR dev Byg9AR4YDB: without "To our knowledge" the claim to be first would overreach.
    expect(
      stripLeadIn(
        'To our knowledge, we are the first to systematically model multiple cellular protein behaviors.',
      ),
    ).toBeUndefined();
    // SciTLDR train rJ4uaX2aW: the method is the point.
    expect(
      stripLeadIn('Using LARS, we scaled AlexNet and ResNet-50 to a batch size of 16K.'),
    ).toBeUndefined();
    // SciTLDR dev Hkx-ii05FQ.
    expect(
      stripLeadIn(
        'Since we are interested in methods which can recover locally optimal solutions, we use the problem of finding locally maximal cliques as a benchmark.',
      ),
    ).toBeUndefined();
  });
});

describe('dropParentheticals', () => {
  it('drops parenthetical remarks and bracketed references', () => {
    expect(dropParentheticals('We propose a variational network (V-RIN) for imputation [3].')).toBe(
      'We propose a variational network for imputation.',
    );
    expect(dropParentheticals('The problem involves more than one constraint, (one per manifold).')).toBe(
      'The problem involves more than one constraint.',
    );
  });

  it('keeps a sentence that would lose most of its words', () => {
    expect(dropParentheticals('Results (on all six benchmarks and both settings) hold.')).toBeUndefined();
  });
});

describe('variants', () => {
  it('offers the sentence itself first, then compressions that end cleanly', () => {
    const out = texts(
      'In this paper, we propose a novel imputation network (V-RIN), which unifies imputation and prediction.',
    );
    expect(out[0]).toBe(
      'In this paper, we propose a novel imputation network (V-RIN), which unifies imputation and prediction.',
    );
    expect(out).toContain('We propose a novel imputation network.');
    for (const t of out) expect(t).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('cuts a trailing prepositional phrase but not one the word before needs', () => {
    expect(
      texts(
        'We establish a rigorous and coherent benchmark to evaluate adversarial robustness on image tasks.',
      ),
    ).toContain('We establish a rigorous and coherent benchmark to evaluate adversarial robustness.');
    const grounded = texts(
      'This paper builds a dynamic portfolio optimisation model grounded in Markowitz theory.',
    );
    expect(grounded.some((t) => /grounded\.$/.test(t))).toBe(false);
  });

  it('keeps the phrase a verb takes along ("account for", "suffer from")', () => {
    const cuts = [
      ...texts(
        'Recent observations let one wonder whether this canonical explanation can really account for its success.',
      ),
      ...texts(
        'Their training is more difficult because very deep networks suffer from vanishing gradients.',
      ),
    ];
    expect(cuts.some((t) => /(?:account|suffer)\.$/.test(t))).toBe(false);
  });

  it('never ends on what a colon announces ("we seek to answer: (a)…", arXiv 2508.05880)', () => {
    const cuts = texts(
      'Through a plethora of evaluation experiments and analysis, we seek to answer: (a) Are models more likely to implicitly rely on specific cognitive appraisal dimensions?, (b) What cognitive dimensions are important?',
    );
    expect(cuts.some((t) => /answer\.$/.test(t))).toBe(false);
  });

  it('keeps the phrase "take in" takes (arXiv 2511.14210, Orion)', () => {
    const cuts = texts(
      'We introduce Orion, a visual agent framework that can take in any modality and generate any modality.',
    );
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts.some((t) => /take\.$/.test(t))).toBe(false);
  });

  it('keeps the phrase that "comes", "operates" and "composes" take', () => {
    // arXiv 2602.08669: "…and comes." read as the whole TL;DR.
    const cuts = texts(
      'We propose an efficient single-shot noise shaping method that achieves state-of-the-art performance and comes with rigorous error bounds.',
    );
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts.some((t) => /\b(?:and|or) \w+s\.$/.test(t))).toBe(false);
    const operates = texts(
      'We propose a fast solver for sparse linear systems that scales well and operates on graphs.',
    );
    expect(operates.length).toBeGreaterThan(0);
    expect(operates.some((t) => /operates\.$/.test(t))).toBe(false);
  });

  it('offers no cut that ends mid-clause ("…, which.", "…show that.", "…, i.e.")', () => {
    const cuts = [
      'We introduce a hybrid method, Query Expansion (QE), which, instead of replacing a dense retriever, leverages an LLM policy.',
      'We present a model-independent upper bound on the distance to the nearest error and show that, under mild assumptions, it is tight.',
      'We propose AdaShift, a method that decorrelates the moments by temporal shifting, i.e., using temporally shifted gradients.',
    ].flatMap((s) => texts(s).slice(1));
    expect(cuts.length).toBeGreaterThan(0);
    for (const cut of cuts) expect(cut).not.toMatch(/\b(?:which|that|i\.e)\.$/);
  });

  it('offers no cut that ends on a linking phrase announcing what it dropped ("…, in particular.")', () => {
    const sentence =
      'Deep networks raise concerns on the decision boundary stability, in particular, with regard to the sensitivity of policy decisions to non-robust features.';
    const out = texts(sentence);
    expect(out.some((t) => t.endsWith('stability.'))).toBe(true);
    for (const t of out) expect(t).not.toMatch(/in particular\.$/);
  });

  it('never cuts a phrase that a later verb still needs', () => {
    const out = texts('We choose one precision per parameter such that the increase in loss is minimized.');
    expect(out.some((t) => t.endsWith('the increase.'))).toBe(false);
  });

  it('keeps what "essential" or "responsible" after a noun is for (arXiv 2605.25402, 2508.18113)', () => {
    const out = texts(
      'Experiments show that ANAUS outstrips current methods while maintaining the computational efficiency ' +
        'essential for clinical deployment.',
    );
    expect(out.some((t) => t.endsWith('efficiency essential.'))).toBe(false);
  });

  it('never leaves the subject of a contrast clause without its verb ("…, yet existing methods.")', () => {
    // arXiv 2605.25402: the verb ("operate") lies after the cut, and is no auxiliary FINITE would see.
    const out = texts(
      'Self-supervised pre-training paradigm has gained increasing prominence for learning transferable ' +
        'representations in medical imaging, yet existing methods for ultrasound (US) images operate at the image ' +
        'or frame level, overlooking the anatomical context.',
    );
    expect(out.some((t) => /yet existing methods\.$/.test(t))).toBe(false);
    // arXiv 2509.00923, 2508.00557: "but its integration.", "where semantic similarities."
    for (const sentence of [
      'Monte Carlo Counterfactual Regret Minimization has emerged as a cornerstone algorithm for solving ' +
        'extensive-form games, but its integration with deep neural networks introduces scale-dependent challenges.',
      'They neglect the challenges posed by visual-language ambiguity, where semantic similarities between ' +
        'categories create confusion.',
    ]) {
      for (const t of texts(sentence)) expect(t).not.toMatch(/(?:its integration|semantic similarities)\.$/);
    }
  });

  it('still cuts within a contrast clause that has its verb ("…, yet they continue to struggle.")', () => {
    const out = texts(
      'Large reasoning models improve their abilities with long chain-of-thought, yet they continue to ' +
        'struggle with planning in open environments.',
    );
    expect(out).toContain(
      'Large reasoning models improve their abilities with long chain-of-thought, yet they continue to struggle.',
    );
  });

  it('keeps a cut from leaving a dangling conjunction or article', () => {
    for (const t of texts(
      'We train a model on images, and we show that it transfers to video with little data.',
    )) {
      expect(t).not.toMatch(/\b(?:and|the|a|of)\.$/);
    }
  });
});

describe('parentheses attached to a symbol', () => {
  it('are part of the symbol, so dropping remarks never leaves "Q^"', () => {
    expect(
      dropParentheticals(
        'Prior methods approximate Q* using Q^(π_sft) (derived from the reference SFT model) or rely on short-term rewards.',
      ),
    ).toBe('Prior methods approximate Q* using Q^(π_sft) or rely on short-term rewards.');
  });
});

describe('dropInnerClauses', () => {
  it('takes out a ", which …," remark and closes the sentence around it', () => {
    expect(
      dropInnerClauses(
        'We propose SVDD, an iterative sampling method that integrates soft value functions, which looks ahead to how intermediate noisy states lead to high rewards in the future, into the standard inference procedure of pre-trained diffusion models.',
      ),
    ).toBe(
      'We propose SVDD, an iterative sampling method that integrates soft value functions into the standard inference procedure of pre-trained diffusion models.',
    );
    expect(dropInnerClauses('We study graphs, which are common, and trees, which are not.')).toBeUndefined();
  });
});

describe('cuts that would leave a clause without its verb', () => {
  it('keep "whereas shallow networks" with its verb (SciTLDR dev BJe55gBtvH)', () => {
    const all = texts(
      'In a seminal paper, Telgarsky highlighted the benefits of depth by presenting a family of functions for which DNNs achieve zero classification error, whereas shallow networks with fewer than exponentially many nodes incur constant error.',
    );
    expect(all.some((t) => t.endsWith('whereas shallow networks.'))).toBe(false);
  });

  it('keep the main clause after a concession whole (arXiv 2508.16260)', () => {
    const all = texts(
      'We benchmarked the state-of-the-art LLMs across three modes, revealing that while most models suffer performance degradation when confronted with larger tool sets, the agentic models, such as Claude-4-Sonnet, can effectively leverage expanded exploration spaces to improve accuracy.',
    );
    expect(all.some((t) => t.endsWith(', the agentic models.'))).toBe(false);
  });

  it('never leave "as well" before the phrase it introduces (arXiv 2509.03141)', () => {
    const all = texts(
      'Additionally, to further improve the temporal awareness of TADM-3D, we propose the Back-In-Time Regularisation (BITR), by training TADM-3D to predict bidirectionally from the baseline to follow-up (forward), as well as from the follow-up to baseline (backward).',
    );
    expect(all.some((t) => /\bas well\.$/.test(t))).toBe(false);
  });
});

describe('a sentence that opens with a concession', () => {
  it('is never cut before its main clause (arXiv 2507.22925)', () => {
    const all = texts(
      'While recent works have made progress in memory storage and retrieval, such as encoding memory into dense vectors for similarity-based search or organizing knowledge in the form of graph, these approaches often fall short in structured memory organization and efficient retrieval.',
    );
    for (const t of all) expect(t).toMatch(/fall short/);
  });
});

describe('stripLeadIn on a long motivation', () => {
  it('drops "Motivated by X, we introduce…" to the claim (SciTLDR dev rJl_7mtULB)', () => {
    expect(
      stripLeadIn(
        'Motivated by the flexibility of biological neural networks whose connectivity structure changes significantly during their lifetime, we introduce the Unrestricted Recursive Network (URN).',
      ),
    ).toBe('We introduce the Unrestricted Recursive Network (URN).');
  });
});

describe('stripLeadIn on a split enumeration', () => {
  it("drops the item's label with its marker (arXiv 2508.04625)", () => {
    expect(
      stripLeadIn(
        '(3) Challenge: Models are required to perform multi-step precise numerical reasoning by integrating financial knowledge.',
      ),
    ).toBe(
      'Models are required to perform multi-step precise numerical reasoning by integrating financial knowledge.',
    );
  });
});
