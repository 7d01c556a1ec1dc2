import { describe, expect, it } from 'vitest';
import { builtinSummary } from '../../src/summarize/builtin.js';
import { stripLeadIn } from '../../src/summarize/compress.js';
import {
  composeClaim,
  fuseName,
  leans,
  methodName,
  resolveDemonstratives,
  resolveSubject,
  secondaryClaim,
  stripSectionLabel,
  topicOnly,
} from '../../src/summarize/contribution.js';
import { cleanText, words } from '../../src/summarize/text.js';
import { defaultEngine, tldr } from '../../src/summarize/tldr.js';
import { B_CODER, DIAGNOSING_DRL, HEALTH_TEXT, STARC, SVDD } from './seed-abstracts.js';

/** Every word of a TL;DR comes from the abstract or the title, composed or not. */
function fromSource(summary: string, paper: { title: string; abstract: string }): boolean {
  const source = new Set([...words(cleanText(paper.abstract)), ...words(cleanText(paper.title))]);
  return words(summary).every((w) => source.has(w));
}

describe('a TL;DR that states the contribution on its own', () => {
  it('says what SVDD is rather than the background sentence the abstract opens with', () => {
    const out = builtinSummary(SVDD).tldr;
    expect(out).not.toMatch(/^Diffusion models excel/);
    expect(out).toMatch(
      /^We propose SVDD, an iterative sampling method that integrates soft value functions/,
    );
    expect(fromSource(out, SVDD)).toBe(true);
  });

  it('says what B-Coder explores rather than conceding what the literature favours ("While current …")', () => {
    const out = builtinSummary(B_CODER).tldr;
    expect(out).not.toMatch(/^While current literature/);
    // Either of its contribution statements, whichever the retrained ranker scores higher.
    expect(out).toMatch(
      /our work explores the applicability of value-based approaches|^We propose an initialization protocol/,
    );
    expect(fromSource(out, B_CODER)).toBe(true);
  });

  it('drops "To achieve this" when the claim after it stands alone', () => {
    const out = builtinSummary(DIAGNOSING_DRL).tldr;
    expect(out).toMatch(/^We introduce a theoretically founded method/);
    expect(leans(out)).toBe(false);
  });

  it('drops "a solution to this problem, in the form of" and keeps what the paper provides', () => {
    expect(builtinSummary(STARC).tldr).toMatch(
      /^We provide a class of pseudometrics on the space of all reward functions/,
    );
  });

  it('leaves out a structured abstract\'s "Methods:" label, in the TL;DR and the bullets', () => {
    const summary = builtinSummary(HEALTH_TEXT);
    expect(summary.tldr).toMatch(/^We introduce Simplified Digestive Cancer/);
    for (const point of summary.keyPoints) expect(point).not.toMatch(/^\w+: (?:Objective|Methods|Results):/);
  });

  it('states the main claim, not the one "Moreover, …" adds to it (SciTLDR dev BklhAj09K7)', () => {
    // Unsupervised Domain Adaptation for Distance Metric Learning, as SciTLDR gives its sentences.
    const sentences = [
      'Unsupervised domain adaptation is a promising avenue to enhance the performance of deep neural networks on a target domain, using labels only from a source domain.',
      'However, the two predominant methods, domain discrepancy reduction learning and semi-supervised learning, are not readily applicable when source and target domains do not share a common label space.',
      'This paper addresses the above scenario by learning a representation space that retains discriminative power on both the (labeled) source and (unlabeled) target domains while keeping representations for the two domains well-separated.',
      'Inspired by a theoretical analysis, we first reformulate the disjoint classification task, where the source and target domains correspond to non-overlapping class labels, to a verification one.',
      'To handle both within and cross domain verifications, we propose a Feature Transfer Network (FTN) to separate the target feature space from the original source space while aligned with a transformed source space.',
      'Moreover, we present a non-parametric multi-class entropy minimization loss to further boost the discriminative power of FTNs on the target domain.',
      'In experiments, we first illustrate how FTN works in a controlled setting of adapting from MNIST-M to MNIST with disjoint digit classes between the two domains and then demonstrate the effectiveness of FTNs through state-of-the-art performances on a cross-ethnicity face recognition problem.',
    ];
    // The sentence chosen, without the topic that leads it when there is no title.
    const out = defaultEngine().analyzeSentences(sentences).untitled;
    expect(out).toMatch(/^We propose a Feature Transfer Network/);
    expect(out).not.toMatch(/entropy minimization loss/);
  });

  it('says what the paper investigates, compressing a claim that leans only through its lead-in (SciTLDR dev HJaDJZ-0W)', () => {
    // Block-Sparse Recurrent Neural Networks, as SciTLDR gives its sentences. Its claim opens "In order to address
    // this issue,", which left it outside the three best-scored sentences that get compressed.
    const sentences = [
      'Recurrent Neural Networks (RNNs) are used in state-of-the-art models in domains such as speech recognition, machine translation, and language modelling.',
      'Sparsity is a technique to reduce compute and memory requirements of deep learning models.',
      'Sparse RNNs are easier to deploy on devices and high-end server processors.',
      'Even though sparse operations need less compute and memory relative to their dense counterparts, the speed-up observed by using sparse operations is less than expected on different hardware platforms.',
      'In order to address this issue, we investigate two different approaches to induce block sparsity in RNNs: pruning blocks of weights in a layer and using group lasso regularization with pruning to create blocks of weights with zeros.',
      'Using these techniques, we can create block-sparse RNNs with sparsity ranging from 80% to 90% with a small loss in accuracy.',
      'This technique allows us to reduce the model size by roughly 10x.',
      'Additionally, we can prune a larger dense network to recover this loss in accuracy while maintaining high block sparsity and reducing the overall parameter count.',
      'Our technique works with a variety of block sizes up to 32x32.',
      'Block-sparse RNNs eliminate overheads related to data storage and irregular memory accesses while increasing hardware efficiency compared to unstructured sparsity.',
    ];
    const out = defaultEngine().analyzeSentences(sentences).untitled;
    expect(out).toMatch(/^We investigate two different approaches to induce block sparsity in RNNs/);
    expect(leans(out)).toBe(false);
  });

  it('states what the paper demonstrates, not only what it studies (SciTLDR dev Skgb5h4KPH)', () => {
    // Frequency Principle: Fourier Analysis Sheds Light on Deep Neural Networks, as SciTLDR gives its sentences.
    const sentences = [
      'We study the training process of Deep Neural Networks (DNNs) from the Fourier analysis perspective.',
      'We demonstrate a very universal Frequency Principle (F-Principle) --- DNNs often fit target functions from low to high frequencies --- on high-dimensional benchmark datasets, such as MNIST/CIFAR10, and deep networks, such as VGG16.',
      'This F-Principle of DNNs is opposite to the learning behavior of most conventional iterative numerical schemes (e.g., Jacobi method), which exhibits faster convergence for higher frequencies, for various scientific computing problems.',
      'With a naive theory, we illustrate that this F-Principle results from the regularity of the commonly used activation functions.',
      'The F-Principle implies an implicit bias that DNNs tend to fit training data by a low-frequency function.',
      'This understanding provides an explanation of good generalization of DNNs on most real datasets and bad generalization of DNNs on parity function or randomized dataset.',
    ];
    expect(defaultEngine().analyzeSentences(sentences).untitled).toMatch(
      /^We demonstrate a very universal Frequency Principle/,
    );
  });

  it('leads with the title only for the standalone TL;DR, never with a label', () => {
    expect(tldr(HEALTH_TEXT.abstract)).not.toMatch(/Methods:/);
  });
});

describe('secondaryClaim', () => {
  it('marks a claim added to one made before, and not a claim set against prior work', () => {
    // SciTLDR dev rygVV205KQ, BklhAj09K7, SJ71VXZAZ and train rkgyS0VFvr.
    expect(secondaryClaim('Finally, we develop a new adversarial goal recognizer that in some cases…')).toBe(
      true,
    );
    expect(
      secondaryClaim('Moreover, we present a non-parametric multi-class entropy minimization loss…'),
    ).toBe(true);
    expect(secondaryClaim('We also demonstrate the sentiment unit has a direct influence on…')).toBe(true);
    expect(
      secondaryClaim(
        'In addition to recent centralized backdoor attacks on FL …, we propose the distributed backdoor attack (DBA)',
      ),
    ).toBe(false);
    expect(secondaryClaim('We propose a Feature Transfer Network (FTN) to separate…')).toBe(false);
  });
});

describe('topicOnly', () => {
  it('marks a sentence that names only what the paper looks at', () => {
    // SciTLDR dev Skgb5h4KPH, BJerQWcp6Q, B1lz-3Rct7; the last two say what the paper does.
    expect(
      topicOnly(
        'We study the training process of Deep Neural Networks (DNNs) from the Fourier analysis perspective.',
      ),
    ).toBe(true);
    expect(
      topicOnly(
        'We consider the problem of disease entity normalization, an essential task in constructing a biomedical knowledge base.',
      ),
    ).toBe(true);
    expect(
      topicOnly(
        'We empirically investigate weight decay for three optimization algorithms and a variety of network architectures.',
      ),
    ).toBe(true);
    expect(
      topicOnly(
        'We present NormCo, a deep coherence model which considers the semantics of an entity mention.',
      ),
    ).toBe(false);
    expect(
      topicOnly(
        'We investigate the problem of grounding language commands as reward functions, and show that…',
      ),
    ).toBe(false);
  });
});

describe('stripSectionLabel', () => {
  it('removes the label of a structured abstract and nothing else', () => {
    expect(stripSectionLabel('Results: Our model reaches 91% accuracy.')).toBe(
      'Our model reaches 91% accuracy.',
    );
    expect(stripSectionLabel('OBJECTIVE: To measure reading levels of cancer materials.')).toBe(
      'To measure reading levels of cancer materials.',
    );
    expect(stripSectionLabel('Recall: the fraction of relevant items found.')).toBe(
      'Recall: the fraction of relevant items found.',
    );
  });
});

describe('methodName', () => {
  it('finds the name a claim sentence introduces', () => {
    expect(methodName(['We propose OREO, an offline RL method for multi-step reasoning.'])).toBe('OREO');
    expect(methodName(['Here, we propose a new algorithm for the RNA Design problem, dubbed LEARNA.'])).toBe(
      'LEARNA',
    );
    expect(
      methodName([
        'We derive an algorithm that we call Multi-agent Soft Actor-Critic (MA-SAC) for inference.',
      ]),
    ).toBe('MA-SAC');
  });

  it('takes the name a title leads with', () => {
    expect(
      methodName(['We study point clouds.'], 'PointGrow: Autoregressively Learned Point Cloud Generation'),
    ).toBe('PointGrow');
  });

  it("takes a code link's repository name only when the title spells it", () => {
    const sentences = [
      'We propose a new method.',
      'The code is available at https://github.com/masa-ue/SVDD.',
    ];
    expect(methodName(sentences, SVDD.title)).toBe('SVDD');
    expect(methodName(sentences, 'Guidance for Protein Design')).toBeUndefined();
  });

  it('takes the name the authors give their method in apposition', () => {
    // arXiv 2508.01915 (EgoTrigger): the dataset it also introduces is abbreviated in a claim sentence.
    const sentences = [
      'Our approach, EgoTrigger, leverages audio cues from the microphone to selectively activate power-intensive cameras.',
      'In addition to evaluating on the QA-Ego4D dataset, we introduce and evaluate on the Human Memory Enhancement Question-Answer (HME-QA) dataset.',
    ];
    expect(methodName(sentences)).toBe('EgoTrigger');
    expect(methodName(sentences.slice(1))).toBeUndefined();
    // arXiv 2510.24437: "which we term" introduces a name like "which we call".
    expect(
      methodName([
        'We introduce a framework on decomposition, which we term Deeply-Conditioned Image Compression (DCIC-sgp).',
      ]),
    ).toBe('DCIC-sgp');
  });

  it('prefers a title-leading name the abstract uses to an abbreviation in a claim', () => {
    const sentences = [
      'We introduce and evaluate on the Human Memory Enhancement Question-Answer (HME-QA) dataset, built for EgoTrigger.',
    ];
    expect(methodName(sentences, 'EgoTrigger: Toward Audio-Driven Image Capture')).toBe('EgoTrigger');
  });

  it('does not take an abbreviation that belongs to what the method is for', () => {
    // arXiv 2507.22958 (CHECK-MAT): the benchmark evaluates VLMs; it is not called VLMs.
    const claim =
      'This paper introduces a novel benchmark, EGE-Math Solutions Assessment Benchmark, for evaluating Vision-Language Models (VLMs) on their ability to assess hand-written mathematical solutions.';
    expect(methodName([claim])).toBeUndefined();
    expect(methodName([claim], 'CHECK-MAT: Checking Hand-Written Mathematical Answers')).toBe('CHECK-MAT');
    expect(methodName(['We propose Soft Value-based Decoding in Diffusion models (SVDD), a sampler.'])).toBe(
      'SVDD',
    );
  });

  it('does not take a common abbreviation or an ordinary word for a name', () => {
    expect(methodName(['We propose CNN, a network.'])).toBeUndefined();
    expect(methodName(['We present Transformers, a study of attention.'])).toBeUndefined();
  });
});

describe('resolveSubject and composeClaim', () => {
  it('puts the method\'s name where the abstract says "our approach"', () => {
    expect(resolveSubject('Our approach avoids fine-tuning generative models.', 'SVDD')).toBe(
      'SVDD avoids fine-tuning generative models.',
    );
    expect(resolveSubject('Our approach avoids fine-tuning.', undefined)).toBe(
      'Our approach avoids fine-tuning.',
    );
    expect(resolveSubject('We propose SVDD.', 'SVDD')).toBe('We propose SVDD.');
  });

  it('composes "We propose X, which Y" from a claim that names nothing and the sentence saying what it does', () => {
    expect(
      composeClaim(
        'In our work, we propose a new method to address these challenges.',
        'Our algorithm is an iterative sampling method that integrates soft value functions.',
        'SVDD',
      ),
    ).toBe('We propose SVDD, an iterative sampling method that integrates soft value functions.');
    expect(
      composeClaim('We introduce a novel framework.', 'Our framework decouples training from search.', 'OFA'),
    ).toBe('We introduce OFA, which decouples training from search.');
    expect(
      composeClaim('We propose OFA, a network that trains once.', 'Our framework decouples training.', 'OFA'),
    ).toBeUndefined();
  });
});

describe('fuseName', () => {
  it('puts the method\'s name where a claim says "our algorithm" or "the proposed method" inside it', () => {
    // SVDD's Result sentence and the Inf-CL result (recorded HF daily-papers item), with the names they introduce.
    expect(
      fuseName('We demonstrate the effectiveness of our algorithm across several domains.', 'SVDD'),
    ).toBe('We demonstrate the effectiveness of SVDD across several domains.');
    expect(
      fuseName(
        'Experimental results show that the proposed method scales batch sizes to unprecedented levels.',
        () => 'Inf-CL',
      ),
    ).toBe('Experimental results show that Inf-CL scales batch sizes to unprecedented levels.');
    expect(
      fuseName('Our approach, EgoTrigger, leverages audio cues from the microphone.', 'EgoTrigger'),
    ).toBe('EgoTrigger leverages audio cues from the microphone.');
    expect(fuseName('Our approach avoids fine-tuning generative models.', 'SVDD')).toBe(
      'SVDD avoids fine-tuning generative models.',
    );
  });

  it('names the method at every "our method" inside a claim, not only the first (arXiv 2510.07752, 2509.12661)', () => {
    expect(
      fuseName(
        'Extensive experiments show that our method outperforms existing approaches and prove that our method can ' +
          'effectively optimize dynamic 3DGS.',
        'EvDyn',
      ),
    ).toBe(
      'Extensive experiments show that EvDyn outperforms existing approaches and prove that EvDyn can effectively ' +
        'optimize dynamic 3DGS.',
    );
    expect(
      fuseName(
        'Our approach outperforms the baselines, confirming the effectiveness of our approach.',
        'ESC',
      ),
    ).toBe('ESC outperforms the baselines, confirming the effectiveness of ESC.');
  });

  it('leaves the text as it is without a name, when it names the method already, or for other things "of our"', () => {
    expect(fuseName('We show that our method outperforms PPO.', undefined)).toBe(
      'We show that our method outperforms PPO.',
    );
    expect(fuseName('We show that our method, SVDD, outperforms PPO.', 'SVDD')).toBe(
      'We show that our method, SVDD, outperforms PPO.',
    );
    expect(fuseName('We study the methods of our field and their models.', 'SVDD')).toBe(
      'We study the methods of our field and their models.',
    );
    expect(fuseName('We analyse the framework of our model of attention.', 'SVDD')).toBe(
      'We analyse the framework of our model of attention.',
    );
  });
});

describe('leans', () => {
  it('tells a claim that points at a sentence not shown from one that stands alone', () => {
    expect(leans('We provide a solution to this problem.')).toBe(true);
    expect(leans('To achieve this we introduce a method.')).toBe(true);
    expect(leans('They fail on long inputs.')).toBe(true);
    expect(leans('This paper presents ConceptFlow.')).toBe(false);
    expect(leans('We propose models such as transformers to this end.')).toBe(false);
  });

  it('hears a lead-in that points at a problem or a list said before (arXiv 2508.04422, 2508.08700)', () => {
    expect(leans('To that end, we propose a new model for relation extraction.')).toBe(true);
    expect(leans('For the second issue, we propose a memory module that stores past states.')).toBe(true);
    expect(leans('As a solution, we propose our novel Deformable Inter-Task Self-Attention.')).toBe(true);
    expect(leans('Among these, we introduce an efficient no-reference video quality evaluator.')).toBe(true);
    expect(leans('So, we propose exploring multi-turn jailbreaking.')).toBe(true);
    // A claim of novelty points at nothing: "For the first time, we introduce…" (arXiv 2508.02157).
    expect(leans('For the first time, we introduce a unified model for detection and pose estimation.')).toBe(
      false,
    );
  });
});

describe('resolveDemonstratives', () => {
  it('says "the codes" when the text has named the codes before (arXiv 2605.10534)', () => {
    expect(
      resolveDemonstratives(
        'We construct folded quantum Hermitian codes using the CSS framework and show that these codes are also list-decodable.',
      ),
    ).toBe(
      'We construct folded quantum Hermitian codes using the CSS framework and show that the codes are also list-decodable.',
    );
  });

  it('drops a closing phrase and "in this way" that point at nothing shown (arXiv 2601.22630, SciTLDR r1gPtjcH_N)', () => {
    expect(
      resolveDemonstratives(
        'We study how to design compute-efficient linear attention within this framework.',
      ),
    ).toBe('We study how to design compute-efficient linear attention.');
    expect(
      resolveDemonstratives(
        'We present evidence that constraining the model in this way can reduce the number of labeled examples by 50%.',
      ),
    ).toBe(
      'We present evidence that constraining the model can reduce the number of labeled examples by 50%.',
    );
  });

  it('keeps a demonstrative whose noun the text never named, and invents no "the"', () => {
    const objective =
      'We demonstrate that this objective ignores important structural knowledge of the teacher network.';
    expect(resolveDemonstratives(objective)).toBe(objective);
    expect(resolveDemonstratives('Graphs show that these graphs grow.')).toBe(
      'Graphs show that these graphs grow.',
    );
    expect(
      leans(resolveDemonstratives('We map codes to the lattice and show that these codes are tight.')),
    ).toBe(false);
  });
});

describe('openers that point back', () => {
  it('are the ones the compressor drops and the ones a TL;DR is judged to lean on', () => {
    // arXiv 2509.13662 "Among these operations, …", 2601.05890 "To address both …, we propose…", 2606.13332
    // "Building on this model we also introduce…": one list serves both, so neither misses what the other knows.
    for (const opener of [
      'To this end,',
      'To address both task-level memory inefficiency and the inability,',
      'To bridge this gap,',
      'Building on this model',
      'Based on these findings,',
      'Given this observation,',
      'Considering such settings,',
      'For these reasons,',
      'For the second issue,',
      'As a remedy,',
      'Among these operations,',
    ]) {
      const sentence = `${opener} we propose a hierarchical planner with explicit memory control.`;
      expect(leans(sentence)).toBe(true);
      expect(stripLeadIn(sentence)).toBe('We propose a hierarchical planner with explicit memory control.');
    }
  });
});
