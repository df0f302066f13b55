import {
  analyze,
  bandFor,
  type Calibration,
  calibrate,
  createMatcher,
  DEFAULT_CALIBRATION,
  featureVector,
  isOpenInvitation,
  isThin,
  isUsable,
  LexicalIndex,
  normalizeText,
  prepareQuery,
  type Ranker,
  stem
} from 'c/answerMatcher';
import type { LibraryEntry } from 'c/questionnaireModel';

/** A small library in the shape of a real one: one entry per topic, several phrasings. */
const LIBRARY: readonly LibraryEntry[] = [
  {
    id: 'IAM-MFA',
    question: 'Do you enforce multi-factor authentication for workforce access?',
    alternates: ['Is MFA required for employees to access production?'],
    answer:
      'Yes. All workforce access goes through our identity provider with phishing-resistant multi-factor authentication (FIDO2 security keys).',
    criteria: ['CC6.1']
  },
  {
    id: 'IAM-SSO',
    question: 'Does the application support single sign-on?',
    alternates: ['Do you support SAML 2.0 or OpenID Connect?'],
    answer: 'Yes. The platform supports SAML 2.0 and OpenID Connect with any compliant identity provider.',
    criteria: ['CC6.1']
  },
  {
    id: 'IAM-REVIEW',
    question: 'How often do you review user access?',
    answer: 'Access to production and customer data is recertified quarterly by managers and system owners.',
    criteria: ['CC6.2']
  },
  {
    id: 'CRY-REST',
    question: 'Is customer data encrypted at rest?',
    answer:
      'Yes. Databases, object storage and backups are encrypted with AES-256 using keys held in AWS KMS.',
    criteria: ['CC6.1', 'C1.1']
  },
  {
    id: 'CRY-TRANSIT',
    question: 'Is data encrypted in transit?',
    alternates: ['Which TLS versions do you support?'],
    answer: 'Yes. All connections require TLS 1.2 or higher, with HSTS.',
    criteria: ['CC6.7']
  },
  {
    id: 'VUL-PENTEST',
    question: 'Do you conduct penetration tests?',
    answer:
      'Yes. An independent firm tests the application and API every year; the summary is available under NDA.',
    criteria: ['CC4.1']
  },
  {
    id: 'BCP-PLAN',
    question: 'Do you have business continuity and disaster recovery plans?',
    answer:
      'Yes. The plans are reviewed annually and tested every year by failing over to a secondary region.',
    criteria: ['A1.2', 'A1.3']
  },
  {
    id: 'IR-PLAN',
    question: 'Do you have an incident response plan?',
    answer: 'Yes. The plan defines roles, severity levels and communication, and is exercised annually.',
    criteria: ['CC7.3', 'CC7.4']
  },
  {
    id: 'LOG-SIEM',
    question: 'Do you log security-relevant events?',
    answer:
      'Authentication events and administrative actions are collected in our SIEM and kept for one year.',
    criteria: ['CC7.2']
  },
  {
    id: 'HR-TRAINING',
    question: 'Do you provide security awareness training to employees?',
    answer: 'Yes, at onboarding and annually, with monthly phishing simulations.',
    criteria: ['CC1.4']
  },
  {
    id: 'VEN-TPRM',
    question: 'How do you assess the security of your vendors and subprocessors?',
    answer: 'Every vendor handling customer data goes through security due diligence and an annual review.',
    criteria: ['CC9.2']
  },
  {
    id: 'PRV-DPA',
    question: 'Will you sign a data processing agreement?',
    answer: 'Yes. Our standard DPA incorporates the EU standard contractual clauses.',
    criteria: ['P6.1']
  }
];

const ask = (question: string, section = '') => ({ key: 'Q-1', section, question });

describe('stem (Porter)', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['digitizer', 'digit'],
    ['operator', 'oper'],
    ['hopefulness', 'hope'],
    ['triplicate', 'triplic'],
    ['formalize', 'formal'],
    ['electrical', 'electr'],
    ['goodness', 'good'],
    ['adjustment', 'adjust'],
    ['adoption', 'adopt'],
    ['effective', 'effect'],
    ['probate', 'probat'],
    ['controll', 'control'],
    ['encryption', 'encrypt'],
    ['encrypted', 'encrypt'],
    ['authorisation', 'author'],
    ['accessibility', 'accessibility'],
    ['tls1.2', 'tls1.2'],
    ['an', 'an']
  ])('%s -> %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('returns the same stem from its cache', () => {
    expect(stem('monitoring')).toBe(stem('monitoring'));
  });
});

describe('normalizeText', () => {
  it.each([
    ['TLS 1.2 and TLS 1.3.', 'tls 1.2 and tls 1.3'],
    ['Criteria CC6.1, CC7.2', 'criteria cc6.1 cc7.2'],
    ['Do you support 2FA?', 'do you support 2fa'],
    ['ISO/IEC 27001', 'iso iec 27001'],
    ["The customer's data, don't", 'the customer data dont'],
    ['Sécurité des données', 'securite des donnees'],
    ['R&D', 'r and d'],
    ['', '']
  ])('%j -> %j', (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });
});

describe('analyze', () => {
  it.each([
    ['Do you support 2FA?', '#mfa'],
    ['Is two-factor authentication available?', '#mfa'],
    ['Can we require a one-time passcode?', '#mfa'],
    ['Do you use an authenticator app?', '#mfa'],
    ['Is SAML supported?', '#sso'],
    ['Single sign-on with OIDC', '#sso'],
    ['Federated login through InCommon', '#sso'],
    ['Is data encrypted with AES-256?', '#enc_rest'],
    ['Do you use full disk encryption?', '#enc_rest'],
    ['Is HTTPS enforced?', '#enc_transit'],
    ['TLS 1.2 only', '#enc_transit'],
    ['Is access granted on a need-to-know basis?', '#rbac'],
    ['Do you apply least privilege?', '#rbac'],
    ['Are user access reviews performed?', '#access_review'],
    ['Do you have a BCP?', '#bcdr'],
    ['What are your RTO and RPO?', '#rto_rpo'],
    ['Do you conduct pen tests?', '#pentest'],
    ['Do you hire ethical hackers?', '#pentest'],
    ['Do you use SAST and DAST?', '#appsec_test'],
    ['Do you have a secure SDLC?', '#sdlc'],
    ['Is there a SIEM?', '#logging'],
    ['Are audit logs kept?', '#logging'],
    ['Do you use DLP?', '#dlp'],
    ['Are vulns patched?', '#vuln'],
    ['Is there an IR plan?', '#incident'],
    ['Do you process PII?', '#pii'],
    ['Do you process personal data?', '#pii'],
    ['Will you sign our DPA?', '#dpa'],
    ['Do you use subprocessors?', '#third_party'],
    ['Is BYOD allowed?', '#mdm'],
    ['Do you use an HSM?', '#key_mgmt'],
    ['Can we bring our own key?', '#byok'],
    ['Do you have a SOC 2 report?', '#soc2']
  ])('%j carries %s', (text, concept) => {
    expect(analyze(text).concepts).toContain(concept);
  });

  it('keeps the words, stemmed, without stop words, with bigrams', () => {
    const analyzed = analyze('Is the data encrypted at rest?');
    expect(analyzed.words).toEqual(['data', 'encrypt', 'rest']);
    expect(analyzed.bigrams).toEqual(['data encrypt', 'encrypt rest']);
    expect(analyzed.inPhrase).toEqual([false, true, true]);
  });

  it('never fires a one-word phrase on boilerplate: "the vendor" is not a third party, "vendors" are', () => {
    expect(analyze('Does the vendor encrypt data?').concepts).not.toContain('#third_party');
    expect(analyze('Do you assess your vendors?').concepts).toContain('#third_party');
  });

  it('marks questionnaire boilerplate as weak', () => {
    const analyzed = analyze('Is a documented policy established and approved?');
    expect(analyzed.words.filter((_, i) => analyzed.weak[i])).toEqual([
      'document',
      'polici',
      'establish',
      'approv'
    ]);
  });

  it('finds nothing in punctuation or an empty string', () => {
    expect(analyze('?!… — ').words).toEqual([]);
    expect(analyze('').concepts).toEqual([]);
  });
});

describe('createMatcher', () => {
  const matcher = createMatcher(LIBRARY);

  it.each([
    [
      'synonym: 2FA finds the MFA entry',
      'Do your employees use 2FA when logging into company systems?',
      'IAM-MFA'
    ],
    ['acronym: SAML finds single sign-on', 'Does your solution support SAML-based login?', 'IAM-SSO'],
    [
      'synonym: federated login',
      'Can users log in through our federated identity provider (Shibboleth)?',
      'IAM-SSO'
    ],
    [
      'synonym: ethical hacking',
      'Do you hire an outside firm for ethical hacking of your app?',
      'VUL-PENTEST'
    ],
    ['synonym: AES for data at rest', 'Do you use AES-256 for stored databases?', 'CRY-REST'],
    ['synonym: HTTPS for transit', 'Are all connections protected with HTTPS?', 'CRY-TRANSIT'],
    ['acronym: BCP', 'Is there a documented BCP?', 'BCP-PLAN'],
    ['synonym: recertification', 'Are access entitlements recertified periodically?', 'IAM-REVIEW'],
    ['stemming: encrypting / encrypted', 'Are you encrypting customer records at rest?', 'CRY-REST'],
    ['stemming: trainings / training', 'Do staff attend security trainings?', 'HR-TRAINING'],
    ['acronym: DPA', 'Will you execute our DPA?', 'PRV-DPA'],
    ['longer form', 'Is there a third-party risk management program that evaluates suppliers?', 'VEN-TPRM']
  ])('%s', (_, question, expected) => {
    const result = matcher.match(ask(question));
    expect(result.entryId).toBe(expected);
    expect(result.band).not.toBe('none');
    expect(result.answer).toBe(LIBRARY.find((entry) => entry.id === expected)?.answer);
  });

  it.each([
    ['an off-topic question', 'What was your annual revenue last year?'],
    ['another off-topic question', 'Do you have a modern slavery statement?'],
    ['gibberish', 'zxqv plorf blargh wibble'],
    ['only stop words', 'Is it the one that you have?'],
    ['punctuation', '???'],
    ['an empty question', ''],
    ['an instruction with no topic', 'A brief description:'],
    ['a request for comments', 'Additional comments (optional)'],
    [
      'an open invitation that names a topic',
      'Is there anything else you want us to know about multi-factor authentication?'
    ],
    ['a request for other comments', 'Do you have any other comments about encryption at rest?'],
    ['the follow-up of an "Other" choice', 'Describe the other penetration testing you perform:']
  ])('abstains on %s', (_, question) => {
    const result = matcher.match(ask(question));
    expect(result).toEqual(
      expect.objectContaining({
        entryId: null,
        answer: null,
        band: 'none',
        question,
        key: 'Q-1',
        section: ''
      })
    );
    expect(result.score).toBeLessThan(DEFAULT_CALIBRATION.low);
  });

  it('returns a probability between 0 and 1, rounded to four decimals', () => {
    const { score } = matcher.match(ask('Do you enforce MFA?'));
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(Math.round(score * 10_000) / 10_000).toBe(score);
  });

  it('uses the section as context for short questions', () => {
    const question = 'Is the plan tested at least annually?';
    expect(matcher.match(ask(question, 'Disaster Recovery')).entryId).toBe('BCP-PLAN');
    expect(matcher.match(ask(question, 'Incident Response')).entryId).toBe('IR-PLAN');
  });

  it('matches a compound question to the entry that answers both parts', () => {
    const library = [
      ...LIBRARY,
      {
        id: 'CRY-BOTH',
        question: 'Is customer data encrypted at rest and in transit?',
        answer: 'Yes: AES-256 at rest and TLS 1.2 or higher in transit.'
      }
    ];
    expect(
      createMatcher(library).match(ask('Do you encrypt data both in transit and at rest?')).entryId
    ).toBe('CRY-BOTH');
  });

  it('does not auto-answer a compound question whose parts belong to different entries', () => {
    const explanation = matcher.explain(
      ask('Do you encrypt data at rest and in transit, and run penetration tests?')
    );
    expect(['CRY-REST', 'CRY-TRANSIT', 'VUL-PENTEST']).toContain(explanation.candidates[0]?.entryId);
    expect(explanation.candidates[0]?.coverage).toBeLessThan(1);
    expect(explanation.band).not.toBe('high');
  });

  it('explains its ranking: candidates, features and outcome', () => {
    const explanation = matcher.explain(ask('Do you support SAML single sign-on?'));
    expect(explanation.candidates[0]?.entryId).toBe('IAM-SSO');
    expect(explanation.candidates.length).toBeLessThanOrEqual(10);
    const relevances = explanation.candidates.map((candidate) => candidate.relevance);
    expect(relevances).toEqual([...relevances].sort((a, b) => b - a));
    expect(explanation.features).toBeDefined();
    expect(featureVector(explanation.features!)).toHaveLength(4);
    expect(explanation.probability).toBeCloseTo(calibrate(explanation.features!), 10);
    expect(explanation.band).toBe(bandFor(explanation.probability));
  });

  it('is deterministic: the same question gives the same result every time', () => {
    const question = ask('How do you protect data at rest and in transit?');
    const first = matcher.match(question);
    for (let i = 0; i < 5; i++) {
      expect(matcher.match(question)).toEqual(first);
    }
    expect(createMatcher(LIBRARY).match(question)).toEqual(first);
  });

  it('breaks ties by entry id, whatever the order of the library', () => {
    const twin = (id: string): LibraryEntry => ({
      id,
      question: 'Do you encrypt backups?',
      answer: 'Yes, backups are encrypted.'
    });
    const forward = createMatcher([twin('B-2'), twin('A-1'), twin('C-3')]);
    const backward = createMatcher([twin('C-3'), twin('A-1'), twin('B-2')]);
    const question = ask('Are backups encrypted?');
    expect(forward.explain(question).candidates.map((c) => c.entryId)).toEqual(['A-1', 'B-2', 'C-3']);
    expect(backward.explain(question).candidates.map((c) => c.entryId)).toEqual(['A-1', 'B-2', 'C-3']);
  });

  it('matchAll keeps the order and reports progress up to the total', () => {
    const items = [
      ask('Do you enforce MFA?'),
      { key: 'Q-2', section: '', question: 'Do you support SSO?' },
      { key: 'Q-3', section: '', question: '' }
    ];
    const progress: [number, number][] = [];
    const results = matcher.matchAll(items, (done, total) => progress.push([done, total]));
    expect(results.map((result) => result.key)).toEqual(['Q-1', 'Q-2', 'Q-3']);
    expect(results.map((result) => result.entryId)).toEqual(['IAM-MFA', 'IAM-SSO', null]);
    expect(progress[progress.length - 1]).toEqual([3, 3]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(matcher.matchAll([])).toEqual([]);
  });

  it('reports progress at most about a hundred times for large batches', () => {
    const items = Array.from({ length: 1_000 }, (_, i) => ({ key: `K${i}`, section: '', question: 'MFA?' }));
    let calls = 0;
    createMatcher(LIBRARY.slice(0, 2)).matchAll(items, () => calls++);
    expect(calls).toBe(100);
  });
});

describe('isOpenInvitation', () => {
  it.each([
    'Is there anything else you want us to know about the security of your servers?',
    'Do you have any other comments about the security of your network? If yes, please provide them below:',
    'Additional remarks',
    'Please let us know how we can improve it. Any feedback is welcome.',
    'Describe the other checks you perform for new hires:',
    'What other SSO mechanisms does the application support?'
  ])('finds an open invitation in "%s"', (question) => {
    expect(isOpenInvitation(question)).toBe(true);
  });

  it.each([
    'Do you enforce multi-factor authentication?',
    'Do you store backups on disks, tapes, or other kinds of removable media?',
    'Do you collect customer feedback on security features?',
    'Are comments in source code reviewed for secrets?',
    'How is access revoked when an employee or other associate leaves?'
  ])('leaves a real question alone: "%s"', (question) => {
    expect(isOpenInvitation(question)).toBe(false);
  });
});

describe('thin questions', () => {
  it.each([
    ['How is the scope limited?', true],
    ['Describe how the traffic is protected:', true],
    ['MFA?', false],
    ['Is the plan tested?', true],
    ['How long is the session timeout?', false],
    ['Are laptops, servers and network devices hardened and inventoried?', false]
  ])('"%s" thin: %s', (question, thin) => {
    expect(isThin(analyze(question))).toBe(thin);
  });

  it('never auto-answers a thin question, however well it matches', () => {
    const library: LibraryEntry[] = [
      { id: 'SCOPE', question: 'How is the scope limited?', answer: 'By product line.' },
      { id: 'OTHER', question: 'Do you encrypt backups?', answer: 'Yes, with AES-256.' }
    ];
    const matcher = createMatcher(library);
    const thin = matcher.explain(ask('How is the scope limited?'));
    expect(thin.candidates[0]?.entryId).toBe('SCOPE');
    expect(thin.probability).toBeLessThan(DEFAULT_CALIBRATION.high);
    expect(thin.band).toBe('medium');
    const full = matcher.explain(ask('Are backups encrypted?'));
    expect(full.band).toBe('high');
  });
});

describe('only Approved entries are ever used', () => {
  const perfect = (id: string, status?: LibraryEntry['status']): LibraryEntry => ({
    id,
    question: 'Do you enforce multi-factor authentication for all administrators?',
    answer: `Answer of ${id}.`,
    ...(status === undefined ? {} : { status })
  });

  it.each([['Draft'], ['Needs Review'], ['Retired']] as const)(
    'never answers with an entry whose status is %s, even a perfect match',
    (status) => {
      const matcher = createMatcher([perfect('FLAGGED', status), ...LIBRARY]);
      const result = matcher.match(ask('Do you enforce multi-factor authentication for all administrators?'));
      expect(result.entryId).not.toBe('FLAGGED');
      expect(
        matcher.explain(ask('multi-factor authentication administrators')).candidates.map((c) => c.entryId)
      ).not.toContain('FLAGGED');
      expect(matcher.excluded).toEqual([{ id: 'FLAGGED', reason: 'not approved' }]);
      expect(matcher.size).toBe(LIBRARY.length);
    }
  );

  it('abstains when the only matching entry is not approved', () => {
    const matcher = createMatcher([perfect('FLAGGED', 'Needs Review')]);
    expect(matcher.size).toBe(0);
    expect(matcher.match(ask('Do you enforce multi-factor authentication for all administrators?'))).toEqual(
      expect.objectContaining({ entryId: null, answer: null, band: 'none', score: 0 })
    );
  });

  it.each([
    [undefined, true],
    ['Approved', true],
    ['Draft', false],
    ['Needs Review', false],
    ['Retired', false]
  ] as const)('status %s usable: %s', (status, usable) => {
    expect(isUsable(perfect('X', status))).toBe(usable);
  });

  it('uses Approved and status-less entries', () => {
    const matcher = createMatcher([perfect('APPROVED', 'Approved')]);
    expect(
      matcher.match(ask('Do you enforce multi-factor authentication for all administrators?')).entryId
    ).toBe('APPROVED');
  });

  it('leaves out entries without an answer or a question, and repeated ids', () => {
    const matcher = createMatcher([
      { id: 'EMPTY-ANSWER', question: 'Do you use MFA?', answer: '  ' },
      { id: 'NO-QUESTION', question: '', alternates: [' '], answer: 'Yes.' },
      { id: 'ALT-ONLY', question: '', alternates: ['Do you use MFA?'], answer: 'Yes.' },
      { id: 'ALT-ONLY', question: 'Do you use SSO?', answer: 'Yes.' }
    ]);
    expect(matcher.excluded).toEqual([
      { id: 'EMPTY-ANSWER', reason: 'no answer' },
      { id: 'NO-QUESTION', reason: 'no question' },
      { id: 'ALT-ONLY', reason: 'duplicate id' }
    ]);
    expect(matcher.size).toBe(1);
  });
});

describe('an empty library', () => {
  it('abstains on every question', () => {
    const matcher = createMatcher([]);
    expect(matcher.size).toBe(0);
    expect(matcher.matchAll([ask('Do you enforce MFA?'), ask('')]).map((r) => r.band)).toEqual([
      'none',
      'none'
    ]);
    expect(matcher.explain(ask('Do you enforce MFA?')).candidates).toEqual([]);
  });
});

describe('bands and calibration', () => {
  const calibration: Calibration = {
    intercept: 0,
    coefficients: [0, 0, 0, 0],
    high: 0.9,
    medium: 0.7,
    low: 0.4
  };

  it.each([
    [0, 'none'],
    [0.39, 'none'],
    [0.4, 'low'],
    [0.69, 'low'],
    [0.7, 'medium'],
    [0.89, 'medium'],
    [0.9, 'high'],
    [1, 'high'],
    [Number.NaN, 'none']
  ] as const)('probability %s is %s', (probability, band) => {
    expect(bandFor(probability, calibration)).toBe(band);
  });

  it('abstains below low even when the other thresholds are out of order', () => {
    expect(bandFor(0.6, { ...calibration, medium: 0.5, low: 0.65 })).toBe('none');
    expect(bandFor(0.66, { ...calibration, medium: 0.5, low: 0.65 })).toBe('medium');
  });

  it('keeps the shipped thresholds in order', () => {
    const { low, medium, high } = DEFAULT_CALIBRATION;
    expect(low).toBeLessThan(medium);
    expect(medium).toBeLessThan(high);
    expect(high).toBeLessThan(1);
  });

  it('grows with every feature (all coefficients are positive)', () => {
    const base = { relevance: 0.3, margin: 0.2, coverage: 0.4, known: 0.6 };
    const p = calibrate(base);
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      expect(calibrate({ ...base, [key]: base[key] + 0.2 })).toBeGreaterThan(p);
    }
    expect(calibrate({ relevance: 0, margin: 0, coverage: 0, known: 0 })).toBeLessThan(
      DEFAULT_CALIBRATION.low
    );
    expect(calibrate({ relevance: 1, margin: 1, coverage: 1, known: 1 })).toBeGreaterThan(
      DEFAULT_CALIBRATION.high
    );
  });

  it('takes a calibration override', () => {
    const always: Calibration = {
      intercept: 10,
      coefficients: [0, 0, 0, 0],
      high: 0.9,
      medium: 0.7,
      low: 0.4
    };
    const never: Calibration = { ...always, intercept: -10 };
    const question = ask('Do you enforce MFA?');
    expect(createMatcher(LIBRARY, { calibration: always }).match(question).band).toBe('high');
    expect(createMatcher(LIBRARY, { calibration: never }).match(question)).toEqual(
      expect.objectContaining({ band: 'none', entryId: null })
    );
  });
});

describe('rankers', () => {
  it('lets the lexical index rank on its own', () => {
    const index = new LexicalIndex(LIBRARY);
    const hits = index.rank(prepareQuery('Do you support SAML?'), 3);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(LIBRARY[hits[0]!.index]?.id).toBe('IAM-SSO');
    for (const hit of hits) {
      expect(hit.relevance).toBeGreaterThan(0);
      expect(hit.relevance).toBeLessThanOrEqual(1);
    }
    expect(index.name).toBe('lexical');
    expect(index.size).toBe(LIBRARY.length);
  });

  it('fuses an added ranker with the lexical one', () => {
    // A stand-in for a semantic ranker: it knows that "sign-in" questions are about SSO.
    const semantic = (entries: readonly LibraryEntry[]): Ranker => ({
      name: 'semantic',
      rank: (query) => {
        if (!query.text.includes('sign in')) {
          return [];
        }
        return [
          { index: entries.findIndex((entry) => entry.id === 'IAM-SSO'), relevance: 1 },
          { index: 999, relevance: 1 },
          { index: -1, relevance: 1 }
        ];
      }
    });
    const question = ask('Can staff sign in once with our corporate account?');
    const lexicalOnly = createMatcher(LIBRARY).explain(question);
    const fused = createMatcher(LIBRARY, { rankers: [{ factory: semantic, weight: 2 }] }).explain(question);
    expect(fused.candidates[0]?.entryId).toBe('IAM-SSO');
    expect(fused.candidates.every((c) => LIBRARY.some((entry) => entry.id === c.entryId))).toBe(true);
    expect(fused.candidates[0]?.relevance).toBeGreaterThan(lexicalOnly.candidates[0]?.relevance ?? 0);
  });

  it('gives an added ranker the approved entries only, in index order', () => {
    let seen: readonly string[] = [];
    createMatcher([{ id: 'D', question: 'x', answer: 'y', status: 'Draft' }, ...LIBRARY.slice(0, 2)], {
      rankers: [
        {
          factory: (entries) => {
            seen = entries.map((entry) => entry.id);
            return { name: 'probe', rank: () => [] };
          }
        }
      ]
    });
    expect(seen).toEqual(['IAM-MFA', 'IAM-SSO']);
  });

  it('honours the candidate depth', () => {
    const explanation = createMatcher(LIBRARY, { depth: 2 }).explain(
      ask('Is data encrypted and access reviewed?')
    );
    expect(explanation.candidates.length).toBeLessThanOrEqual(2);
  });
});
