/**
 * The auto-answer engine: for each incoming questionnaire question, rank the Approved answer library
 * entries and say how far the best one can be trusted.
 *
 * Pipeline, all deterministic and free of any dependency so that the same code runs in the workspace
 * component, the CLI and the local preview:
 *
 * 1. Analysis. Text is lower-cased, accents and punctuation dropped, and cut into tokens that keep
 *    versions and criteria together (`tls 1.2`, `cc6.1`, `2fa`). Each token is stemmed (Porter) and
 *    run through a security lexicon: phrases such as "two-factor", "OTP" or "authenticator app" all
 *    emit the canonical concept token `#mfa`; specific concepts also emit a broader one (`#byok` and
 *    `#key_mgmt`). Stop words and questionnaire filler ("please describe", "your organization") are
 *    dropped; SIG/CAIQ governance boilerplate ("documented, approved, communicated...") is kept but
 *    weighs little in a question. Adjacent content words also form bigrams.
 * 2. Ranking. A BM25F inverted index over four fields (question, alternate phrasings, answer,
 *    criteria) with per-field weights and length normalisation. Words, concept tokens and bigrams are
 *    all terms of the same index, with their own boosts. The question's section adds weak context.
 *    Postings are flat typed arrays with precomputed saturated weights, so a query costs only the
 *    postings of its own terms (never a scan of every entry).
 *    Further rankers (e.g. a semantic one) can be plugged in through the {@link Ranker} interface;
 *    their normalised scores are fused with the lexical one.
 * 3. Calibration. Features of the ranking (normalised top score, margin to the runner-up, the share of
 *    the question covered by the top entry, the share of the question the library knows at all) go
 *    through a logistic model fitted offline, giving the probability that the top entry is right.
 *    Bands follow from that probability; below the lowest threshold the engine abstains.
 *
 * Only entries whose status is Approved (or absent, which means Approved) are ever indexed.
 *
 * Measured by `npm run bench:matcher` (scripts/bench/matcher.ts) against a MiniSearch baseline; the
 * calibration is refitted by scripts/bench/fitCalibration.ts.
 */
import type { ConfidenceBand, LibraryEntry, MatchResult } from 'c/questionnaireModel';

// ---------------------------------------------------------------------------------------------
// Stemming
// ---------------------------------------------------------------------------------------------

function isConsonant(word: string, i: number): boolean {
  const ch = word.charCodeAt(i);
  // a e i o u
  if (ch === 97 || ch === 101 || ch === 105 || ch === 111 || ch === 117) {
    return false;
  }
  // y is a consonant at the start or after a vowel
  if (ch === 121) {
    return i === 0 ? true : !isConsonant(word, i - 1);
  }
  return true;
}

/** Porter's measure m: the number of vowel-consonant sequences in word[0, end). */
function measure(word: string, end: number): number {
  let n = 0;
  let i = 0;
  while (i < end && isConsonant(word, i)) {
    i++;
  }
  while (i < end) {
    while (i < end && !isConsonant(word, i)) {
      i++;
    }
    if (i >= end) {
      return n;
    }
    n++;
    while (i < end && isConsonant(word, i)) {
      i++;
    }
  }
  return n;
}

function hasVowel(word: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    if (!isConsonant(word, i)) {
      return true;
    }
  }
  return false;
}

function endsWithDoubleConsonant(word: string, end: number): boolean {
  return end >= 2 && word[end - 1] === word[end - 2] && isConsonant(word, end - 1);
}

/** consonant-vowel-consonant ending at index i, the last consonant not w, x or y. */
function isCvc(word: string, i: number): boolean {
  if (i < 2 || !isConsonant(word, i) || isConsonant(word, i - 1) || !isConsonant(word, i - 2)) {
    return false;
  }
  const ch = word[i];
  return ch !== 'w' && ch !== 'x' && ch !== 'y';
}

type SuffixRule = readonly [suffix: string, replacement: string];

const STEP2: readonly SuffixRule[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log']
];

const STEP3: readonly SuffixRule[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', '']
];

const STEP4: readonly string[] = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize'
];

/** The first rule whose suffix ends the word decides; it applies when the stem's measure is > minMeasure. */
function applyRules(word: string, rules: readonly SuffixRule[], minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (word.endsWith(suffix)) {
      const stemLength = word.length - suffix.length;
      return measure(word, stemLength) > minMeasure ? word.slice(0, stemLength) + replacement : word;
    }
  }
  return word;
}

function step1(input: string): string {
  let w = input;
  // 1a: plurals
  if (w.endsWith('sses') || w.endsWith('ies')) {
    w = w.slice(0, -2);
  } else if (!w.endsWith('ss') && w.endsWith('s')) {
    w = w.slice(0, -1);
  }
  // 1b: -eed, -ed, -ing
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) {
      w = w.slice(0, -1);
    }
  } else {
    const suffix = w.endsWith('ed') ? 2 : w.endsWith('ing') ? 3 : 0;
    if (suffix > 0 && hasVowel(w, w.length - suffix)) {
      w = w.slice(0, -suffix);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) {
        w += 'e';
      } else if (endsWithDoubleConsonant(w, w.length) && !/[lsz]$/.test(w)) {
        w = w.slice(0, -1);
      } else if (measure(w, w.length) === 1 && isCvc(w, w.length - 1)) {
        w += 'e';
      }
    }
  }
  // 1c: y -> i when the stem has a vowel
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) {
    w = w.slice(0, -1) + 'i';
  }
  return w;
}

function step4(w: string): string {
  for (const suffix of STEP4) {
    if (w.endsWith(suffix)) {
      const stemLength = w.length - suffix.length;
      if (suffix === 'ion') {
        const before = w[stemLength - 1];
        if (before !== 's' && before !== 't') {
          return w;
        }
      }
      return measure(w, stemLength) > 1 ? w.slice(0, stemLength) : w;
    }
  }
  return w;
}

function step5(input: string): string {
  let w = input;
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !isCvc(w, w.length - 2))) {
      w = w.slice(0, -1);
    }
  }
  if (w.endsWith('ll') && measure(w, w.length) > 1) {
    w = w.slice(0, -1);
  }
  return w;
}

/** British spellings the Porter rules would not fold onto the American ones. */
const SPELLING: Readonly<Record<string, string>> = {
  organisation: 'organization',
  organisations: 'organizations',
  organisational: 'organizational',
  authorise: 'authorize',
  authorised: 'authorized',
  authorisation: 'authorization',
  authorisations: 'authorizations',
  unauthorised: 'unauthorized',
  minimise: 'minimize',
  minimised: 'minimized',
  minimisation: 'minimization',
  prioritise: 'prioritize',
  prioritised: 'prioritized',
  centralise: 'centralize',
  centralised: 'centralized',
  standardise: 'standardize',
  standardised: 'standardized',
  anonymise: 'anonymize',
  anonymised: 'anonymized',
  anonymisation: 'anonymization',
  pseudonymise: 'pseudonymize',
  pseudonymised: 'pseudonymized',
  pseudonymisation: 'pseudonymization',
  sanitise: 'sanitize',
  sanitised: 'sanitized',
  sanitisation: 'sanitization',
  categorise: 'categorize',
  categorised: 'categorized',
  utilise: 'utilize',
  utilised: 'utilized',
  recognise: 'recognize',
  recognised: 'recognized',
  customise: 'customize',
  customised: 'customized',
  synchronise: 'synchronize',
  synchronised: 'synchronized',
  synchronisation: 'synchronization',
  analyse: 'analyze',
  analysed: 'analyzed',
  licence: 'license',
  licences: 'licenses',
  defence: 'defense',
  behaviour: 'behavior',
  behavioural: 'behavioral',
  programme: 'program',
  programmes: 'programs',
  centre: 'center',
  centres: 'centers',
  labelled: 'labeled',
  labelling: 'labeling',
  modelling: 'modeling',
  cancelled: 'canceled'
};

/**
 * Words whose Porter stem would merge them with an unrelated everyday word (accessibility and access,
 * availability and available, integrity and integration, continuity and continuous): kept whole.
 */
const STEM_EXCEPTIONS: Readonly<Record<string, string>> = {
  accessibility: 'accessibility',
  availability: 'availability',
  integrity: 'integrity',
  continuity: 'continuity',
  accountability: 'accountability'
};

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * Porter's stemmer (1980), as in the author's reference implementation, for lower-case ASCII words.
 * Tokens holding digits and words of two letters or fewer are returned as they are.
 */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) {
    return cached;
  }
  let result = SPELLING[word] ?? word;
  const exception = STEM_EXCEPTIONS[result];
  if (exception !== undefined) {
    result = exception;
  } else if (result.length > 2 && /^[a-z]+$/.test(result)) {
    result = step5(step4(applyRules(applyRules(step1(result), STEP2, 0), STEP3, 0)));
  }
  if (stemCache.size >= STEM_CACHE_LIMIT) {
    stemCache.clear();
  }
  stemCache.set(word, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Normalisation, stop words and the security lexicon
// ---------------------------------------------------------------------------------------------

/**
 * Words that carry no topic: English function words and questionnaire boilerplate ("please
 * describe", "does your organization", "the vendor"). Checked on the token before stemming.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above across after again against all also am an and any anyone are aren as at be because been ' +
    'before being below between both but by can cannot could did didn do does doesn doing don done dont ' +
    'down during each either else etc even ever every few for from further had has have having he her ' +
    'here hers him his how however i ie if in into is isn it its itself just least let like made make ' +
    'makes many may me might more most much must my no nor not now of off often on once one only or other ' +
    'others otherwise our ours out over own per please same shall she should so some such than that the ' +
    'their theirs them then there these they this those through thus to too under until up upon us use ' +
    'used uses using very via was wasn we were weren what when where whether which while who whom whose ' +
    'why will with within without would yes you your yours yourself ' +
    // questionnaire boilerplate and instructions ("A brief description:", "Additional comments",
    // "Provide a link", "Outline the following"): an item made only of these has no topic of its own
    'additional applicable answer attach attached brief briefly comment comments company companies ' +
    'confirm currently describe description detail details e eg elaborate explain following g indicate ' +
    'institution institutions kindly link links n na organization organizations outline provide ' +
    'provided question questions respondent short specify state summarize summarise url vendor'
  ).split(' ')
);

/**
 * Governance boilerplate of SIG and CAIQ items ("established, documented, approved, communicated,
 * applied, evaluated and maintained"; "a formal program approved by management"): indexed as usual,
 * but in a question they weigh only {@link WEAK_WEIGHT}, so the topic words decide the ranking.
 */
const WEAK_WORDS: ReadonlySet<string> = new Set(
  (
    'adequate applied appropriate approval approve approved defined define document documentation ' +
    'documented ensure ensures establish established evaluate evaluated exist existing exists formal ' +
    'formalized formally implement implemented maintain maintained maintains manage managed management ' +
    'periodic periodically place policies policy procedure procedures process processes program programme ' +
    'programs regular regularly relevant reviewed updated communicated'
  ).split(' ')
);
const WEAK_WEIGHT = 0.3;

/**
 * The security lexicon: `concept[+concept...]: phrase|phrase|...`. Every phrase (matched on stemmed
 * tokens, longest first) emits its concept tokens, so "2FA", "one-time passcode" and "multi-factor
 * authentication" meet on `#mfa`. A phrase may emit a specific concept and a broader one
 * (`enc_rest+crypto`). The words themselves are kept too, so exact wording still counts.
 */
const LEXICON: readonly string[] = [
  // identity and access
  'mfa+authn: mfa|2fa|2 fa|two factor|2 factor|multi factor|multifactor|second factor|two step|2 step|2sv|' +
    'two step verification|otp|otps|totp|hotp|one time password|one time passcode|one time code|' +
    'authenticator app|authenticator apps|authenticator application|mobile authenticator|hardware token|hardware tokens|security key|security keys|fido|fido2|' +
    'webauthn|yubikey|yubikeys|passkey|passkeys|step up authentication|strong authentication|' +
    'strong customer authentication|duo',
  'sso+authn: sso|single sign on|single signon|saml|saml2|saml 2.0|oidc|openid|openid connect|federated|' +
    'federation|federated identity|federated login|identity provider|identity providers|idp|idps|okta|' +
    'azure ad|azure active directory|entra|entra id|adfs|shibboleth|incommon|eduroam|active directory|ldap',
  'authn: authentication|authenticate|authenticated|login|logins|log in|logon|log on|sign in|signin|' +
    'user authentication|end user authentication',
  'password+authn: password|passwords|passphrase|passphrases|password policy|password complexity|' +
    'password length|password manager|password managers|password reset|password rotation|password expiry|' +
    'password expiration|password hashing|bcrypt|argon2|scrypt|pbkdf2|salted|account recovery|password recovery',
  'lockout+authn: lockout|lockouts|account lockout|locked out|lock out|failed login|failed logins|' +
    'failed login attempts|failed attempts|unsuccessful login|unsuccessful logon|brute force|' +
    'credential stuffing|login attempts|captcha|password guessing|guessing|guessing attacks|password spraying|' +
    'dictionary attacks',
  'session: inactivity|idle|user session|user sessions|log out|logs out|logged out|logging out|' +
    'log user out|logout|logoff|log off|sign out|signs out|signed out|session termination|' +
    'terminate sessions|terminate session|session timeout|session timeouts|idle timeout|inactivity timeout|session expiration|' +
    'session expiry|automatic logout|auto logout|automatic log off|session management|session lock|' +
    'screen lock|screen saver|screensaver|idle session|inactive session|inactive sessions|re authentication|' +
    'reauthentication|session cookies|session token|session tokens',
  'unique_id: unique user id|unique user ids|unique id|unique ids|unique identifier|unique identifiers|' +
    'unique user identifier|shared account|shared accounts|shared credentials|generic account|' +
    'generic accounts|named account|named accounts|individual accounts|individual user accounts',
  'rbac+access_ctl: rbac|role based|role based access|role based access control|least privilege|' +
    'least privileged|principle of least privilege|need to know|minimum necessary|minimal access|' +
    'access rights|segregation of duties|separation of duties|sod|permission|permissions|authorization|' +
    'authorizations|entitlement|entitlements|access control|access controls|access management|' +
    'iam|identity and access management|access policy|abac',
  'access_review+access_ctl: access review|access reviews|user access review|user access reviews|' +
    'access recertification|recertification|recertify|recertified|entitlement review|entitlement reviews|' +
    'access certification|access certifications|review of access|review user access|reviews of user access|' +
    'periodic access|access audit|access audits|review access',
  'privileged+access_ctl: privileged access|privileged account|privileged accounts|privileged user|' +
    'privileged users|privilege|privileges|privileged|admin account|admin accounts|administrator account|' +
    'administrator accounts|administrative access|administrative accounts|admin access|admin rights|' +
    'administrator rights|root access|root account|root user|superuser|super user|super admin|pam|' +
    'privileged access management|break glass|just in time access|jit access|elevated access|' +
    'elevated privileges|elevated permissions|sudo',
  'provisioning+access_ctl: provisioning|provision|user provisioning|account provisioning|onboarding|' +
    'joiner|joiners|account creation|access request|access requests|access approval|grant access|' +
    'granting access|scim|directory|directories|directory sync|directory synchronization|user directory|joiners movers leavers|role change|role changes|movers',
  'offboarding+access_ctl: offboarding|off boarding|deprovisioning|deprovision|de provisioning|termination|' +
    'terminations|terminated|leaver|leavers|revoke access|revoking access|revocation|revoked|removal of access|' +
    'remove access|departing employees|departing|separated employees|exit process|' +
    'disable accounts|disabled promptly',
  'remote_access: vpn|vpns|remote access|zero trust|ztna|remote work|remote working|remote workers|' +
    'work from home|teleworking|telework|bastion|bastion host|jump host|jump box|jumpbox',
  // cryptography
  'crypto: encrypt|encryption|encrypted|encrypting|cipher|ciphers|cipher suite|cipher suites|cryptography|' +
    'cryptographic|crypto|fips 140|fips 140 2|fips 140 3|fips',
  'enc_rest+crypto: at rest|encryption at rest|encrypted at rest|aes|aes 256|aes256|aes 128|' +
    'disk encryption|full disk encryption|fde|volume encryption|database encryption|storage encryption|' +
    'encrypted storage|encrypted disks|encrypted volumes|bitlocker|filevault|luks|tde|' +
    'transparent data encryption|field level encryption|column level encryption',
  'enc_transit+crypto: in transit|in motion|over the network|over public networks|over the internet|' +
    'tls|tls 1.2|tls 1.3|tls1.2|tls1.3|ssl|ssl tls|tls ssl|https|hsts|transport layer security|' +
    'secure transport|ssh|sftp|ftps|scp|encrypted connection|encrypted connections|encrypted channel|' +
    'encrypted channels|secure channel|secure channels|' +
    'mtls|mutual tls|' +
    'plaintext protocols|cleartext|clear text|plain text|ftp|telnet|http',
  'key_mgmt+crypto: key management|kms|hsm|hsms|hardware security module|hardware security modules|' +
    'key rotation|rotate keys|rotated keys|keys rotated|encryption keys|encryption key|cryptographic keys|' +
    'cryptographic key|key custodian|key custodians|' +
    'key vault|cloudhsm|envelope encryption|' +
    'master key|master keys|data keys|key lifecycle|key storage|key generation|key escrow',
  'secrets: secrets management|secret management|secrets manager|secret|secrets|vault|' +
    'hard coded credentials|hardcoded credentials|hard coded secrets|hardcoded secrets|hard coded passwords|' +
    'hardcoded passwords|secret scanning|credentials in code|embedded credentials|service account|' +
    'service accounts|machine credentials',
  'api+secrets: api key|api keys|api token|api tokens|access token|access tokens|personal access token|' +
    'personal access tokens',
  'api: api|apis|api security|api authentication|api access|oauth|oauth2|oauth 2.0|jwt|jwts|bearer token|' +
    'bearer tokens|webhook|webhooks|rest api|rest apis|graphql|api endpoint|' +
    'api endpoints',
  // software development and change
  'sdlc: sdlc|ssdlc|sdl|secure development|secure software development|software development lifecycle|' +
    'software development life cycle|development lifecycle|development life cycle|secure coding|secure code|' +
    'owasp|owasp top 10|owasp top ten|threat modeling|threat model|threat models|security by design|' +
    'secure by design|devsecops|secure engineering|security requirements|software development',
  'code_review+sdlc: code review|code reviews|peer review|peer reviews|peer reviewed|pull request|' +
    'pull requests|merge request|merge requests|four eyes|second reviewer|reviewed by another|' +
    'branch protection|approval before merge',
  'appsec_test+sdlc: sast|dast|iast|sca|static analysis|static code analysis|static application security ' +
    'testing|dynamic analysis|dynamic application security testing|software composition analysis|' +
    'dependency scanning|dependency scanner|dependabot|snyk|code scanning|code scanners|fuzzing|fuzz testing|' +
    'open source dependencies|third party libraries|open source libraries|open source components|sbom|' +
    'software bill of materials|vulnerable dependencies|supply chain security',
  'input_val+sdlc: input validation|input sanitization|validate input|validates input|injection|' +
    'injection attacks|sql injection|sqli|xss|cross site scripting|csrf|xsrf|cross site request forgery|' +
    'output encoding|parameterized queries|parameterised queries|prepared statements|ssrf|' +
    'server side request forgery|clickjacking|content security policy|csp header',
  'change: release|releases|released|change management|change control|change controls|change request|change requests|' +
    'change advisory board|change approval|change approvals|release management|release process|' +
    'deployment approval|deployments|deployment|ci cd|cicd|continuous integration|' +
    'continuous deployment|continuous delivery|deployment pipeline|build pipeline|production changes|' +
    'changes to production|emergency change|emergency changes|hotfix|hotfixes|' +
    'unauthorized changes|code promotion|promote code',
  'env_sep: segregation of environments|separation of environments|separate environments|' +
    'environment separation|production environment|production environments|non production|nonproduction|' +
    'test environment|test environments|development environment|development environments|staging|' +
    'sandbox|sandboxes|test data|production data|live data|real customer data|synthetic data|' +
    'masked data|data masking|developer access to production|developers access to production',
  'hardening: hardening|hardened|harden|secure configuration|secure configurations|baseline configuration|' +
    'baseline configurations|configuration baseline|configuration baselines|security baseline|' +
    'security baselines|cis benchmark|cis benchmarks|cis|cis controls|golden image|golden images|' +
    'configuration management|infrastructure as code|iac|terraform|cloudformation|default passwords|' +
    'default credentials|default accounts|vendor supplied defaults|drift detection|configuration drift|' +
    'unnecessary services|unnecessary ports|stig|stigs|immutable infrastructure',
  'container: container|containers|containerized|docker|kubernetes|k8s|eks|gke|aks|container security|' +
    'container orchestration|container images|serverless|lambda',
  // vulnerability management and testing
  'vuln: flaw|flaws|vuln|vulns|vulnerability|vulnerabilities|vulnerability scanning|vulnerability scan|' +
    'vulnerability scans|vulnerability management|vulnerability assessment|vulnerability assessments|' +
    'vulnerability scanner|vulnerability scanners|cve|cves|cvss|nessus|qualys|tenable|rapid7|' +
    'container scanning|image scanning|scanning|scans|scanned|weakness|weaknesses|security flaws',
  'patch+vuln: patch|patches|patched|patching|patch management|security updates|security patches|' +
    'os updates|operating system updates|software updates|firmware updates|' +
    'remediation timelines|remediation sla|' +
    'remediation slas|remediation timeframes|critical vulnerabilities|high vulnerabilities|zero day',
  'pentest: pen test|pen tests|pentest|pentests|pentesting|pen testing|pen tester|pen testers|' +
    'penetration test|penetration tests|penetration testing|penetration tester|penetration testers|' +
    'ethical hacking|ethical hacker|ethical hackers|red team|red teaming|red team exercise|offensive security|' +
    'attack simulation|adversary simulation|application security assessment|security assessment by a third ' +
    'party|crest|oscp',
  'bug_bounty: bug bounty|bug bounties|bounty program|responsible disclosure|coordinated disclosure|' +
    'vulnerability disclosure|vulnerability disclosure program|vulnerability disclosure policy|vdp|' +
    'report security issues|report security vulnerabilities|report vulnerabilities|' +
    'report a vulnerability|reporting vulnerabilities|report security bugs|security bugs|security bug|' +
    'outsiders|external parties|researcher|researchers|security txt|hackerone|bugcrowd|intigriti|security researchers|external researchers',
  // detection and response
  'logging: history|login history|activity history|change history|changelog|change log|siem|log|logs|logged|logging|audit log|audit logs|audit logging|audit trail|audit trails|' +
    'log monitoring|log management|log retention|log aggregation|log review|log reviews|event logging|' +
    'security events|security event|event monitoring|event logs|splunk|sumo logic|elastic|elk|syslog|' +
    'cloudtrail|centralized logging|centralised logging|' +
    'user activity|activity logs|access logs|record of access',
  'monitoring: alerting|alerts|alert|' +
    '' +
    'threat detection|anomaly detection|detect|detection|detections|monitor|monitored|monitoring|' +
    'continuous monitoring|real time monitoring|threat intelligence|threat intel|threat feeds|guardduty|' +
    'security monitoring',
  'ids+monitoring: intrusion detection|intrusion prevention|intrusion detection system|' +
    'intrusion detection systems|intrusion prevention system|ids ips|ips ids|nids|hids|hips|' +
    'network monitoring|network traffic monitoring|file integrity monitoring|fim',
  'incident: ir|incident|incidents|incident response|incident management|incident handling|' +
    'security incident|security incidents|csirt|cirt|irp|incident response plan|incident response plans|' +
    'incident response team|breach|breaches|data breach|data breaches|compromise|compromised|forensic|' +
    'forensics|root cause|root cause analysis|post mortem|postmortem|post incident|lessons learned|' +
    'cyber attack|cyberattack|cyber event|security event response|playbook|playbooks|runbook|runbooks|' +
    'tabletop|tabletops|tabletop exercise|tabletop exercises|victim|victims|been breached|' +
    'been compromised|ransomware attack|ransomware attacks|successful attack|successful attacks',
  'breach_notify+incident: breach notification|breach notifications|notify customers|notifies customers|' +
    'notifying customers|customer notification|customer notifications|notification of breach|' +
    'notification of a breach|notify affected|notification timeline|notification timelines|notify you|' +
    'notify clients|notify the institution|notify us|notification obligations|inform customers|' +
    '72 hours|within 72 hours|without undue delay|notify regulators|regulator notification|' +
    'notification period|how quickly will you notify|notification requirements',
  // data protection
  'dlp: dlp|data loss prevention|data leakage prevention|data leak prevention|data leakage|exfiltration|' +
    'data exfiltration|casb|usb|removable media|removable storage|usb storage|usb drives|usb devices|' +
    'thumb drives|external drives|external storage|printing|clipboard|copy paste|email attachments',
  'data_class: data classification|classification|classifications|classify|classified|classifying|' +
    'data labeling|data labelling|labeling|labelling|data handling|handling|sensitivity labels|' +
    'confidential data|restricted data|data categories|handling requirements|data inventory|data map|' +
    'data mapping|data flow|data flows|data flow diagram|data flow diagrams|records of processing|ropa',
  'retention: retention|retain|retained|retaining|data retention|retention period|retention periods|' +
    'retention schedule|retention schedules|records retention|retention policy|kept|stored for',
  'deletion: deletion|delete|deleted|deleting|deletes|destruction|destroy|destroyed|destroying|disposal|' +
    'dispose|disposed|disposing|sanitization|sanitize|sanitized|media sanitization|wipe|wiped|wiping|' +
    'purge|purged|purging|crypto shredding|cryptographic erasure|crypto shred|crypto shredded|' +
    'nist 800 88|degauss|degaussing|shred|shredded|shredding|erasure|erase|erased|securely remove|' +
    'removal of data|data removal|decommission|decommissioned|decommissioning',
  'data_export: data export|export data|export their data|exports|export|return of data|data return|' +
    'return data|return customer data|data portability|portability|retrieve data|retrieve their data|' +
    'download|downloads|downloaded|machine readable|bulk export|download data|download their data|end of contract|contract termination|termination of the contract|' +
    'termination of contract|exit plan|exit strategy|offboard a customer|customer offboarding',
  'tenant: multi tenant|multitenant|multi tenancy|multitenancy|tenant isolation|tenant separation|' +
    'tenant data|tenants|tenant|logical separation|logically separated|logically segregated|' +
    'logical segregation|logical isolation|logically isolated|segregation of customer data|' +
    'separation of customer data|co mingled|comingled|commingled|commingling|co mingling|' +
    'data segregation|single tenant|dedicated instance|dedicated instances|isolation between customers|' +
    'other customers|other clients|row level security|tenant id',
  'pii+personal: pii|personal data|personal information|personally identifiable|' +
    'personally identifiable information|personal identifiable information|phi|' +
    'protected health information|sensitive personal data|sensitive personal information|' +
    'special category data|special categories|special category|nppi|data subject|data subjects|' +
    'individuals data|personal details|student data|student information|learner data|pupil data|' +
    'cardholder name|customer personal data',
  'gdpr+privacy_law: gdpr|general data protection regulation|uk gdpr|eu gdpr|data protection act|' +
    'european data protection|eea|european economic area|schrems',
  'ccpa+privacy_law: ccpa|cpra|california consumer privacy act|california privacy rights act|' +
    'us state privacy laws|state privacy laws|do not sell|sale of personal information|' +
    'sell personal information|selling personal data|share for cross context behavioral advertising',
  'ferpa+privacy_law: ferpa|family educational rights and privacy act|education records|' +
    'educational records|student records|school official|school officials|directory information|' +
    'student privacy|sopipa|student data privacy|student data privacy agreement|sdpa',
  'hipaa+privacy_law: hipaa|baa|baas|business associate agreement|business associate agreements|' +
    'business associate|hitech|ephi|protected health information|health information',
  'coppa+privacy_law: coppa|children s online privacy|children under 13|under 13|childrens privacy|' +
    'children s data|children data|age verification|parental consent',
  'dsar+personal: dsar|dsars|data subject request|data subject requests|data subject access request|' +
    'data subject access requests|subject access request|subject access requests|data subject rights|' +
    'individual rights|privacy rights|right to erasure|right to be forgotten|right of access|' +
    'right to access|rectification|right to rectification|privacy requests|privacy request|' +
    'consumer requests|consumer rights requests|access and deletion requests',
  'dpa+personal: dpa|dpas|data processing agreement|data processing agreements|data processing addendum|' +
    'data processing addenda|data protection agreement|data protection addendum|data processing terms|' +
    'sccs|scc|standard contractual clauses|model clauses|international data transfers|' +
    'international transfers|cross border transfers|cross border transfer|cross border data transfers|' +
    'transfer impact assessment|transfer impact assessments|tia|data transfer mechanism|' +
    'transfer mechanisms|data privacy framework|dpf|privacy shield|idta|binding corporate rules|bcr',
  'privacy_program+personal: privacy program|privacy programme|privacy training|privacy function',
  'privacy_notice+privacy_program+personal: privacy policy|privacy policies|privacy notice|privacy notices|' +
    'privacy statement|privacy statements',
  'dpo+privacy_program+personal: privacy office|privacy officer|dpo|data protection officer|' +
    'chief privacy officer|privacy team|privacy lead',
  'dpia+privacy_program+personal: privacy by design|privacy impact assessment|privacy impact assessments|' +
    'pia|pias|dpia|dpias|data protection impact assessment|data protection impact assessments|' +
    'privacy review|privacy reviews',
  'minimization+personal: data minimization|minimization|minimize data|data minimisation|' +
    'purpose limitation|collect only|only collect|minimum data|minimum necessary data|limit collection|' +
    'necessary for the purpose|anonymization|anonymized|anonymize|pseudonymization|pseudonymized|' +
    'pseudonymize|de identified|deidentified|de identification|aggregate data|aggregated data',
  'consent+personal: consent|consents|opt in|opt out|opt ins|opt outs|unsubscribe|marketing emails|' +
    'marketing communications|cookie consent|cookie banner|preferences center|withdraw consent|' +
    'lawful basis|legal basis|legitimate interest|legitimate interests',
  'cookies: cookie|cookies|online tracking|user tracking|web tracking|tracker|trackers|tracking technologies|tracking pixels|pixels|' +
    'pixel|web beacons|beacons|analytics|google analytics|third party cookies|advertising|ads|ad networks',
  'ai: artificial intelligence|ai|machine learning|ml|llm|llms|large language model|' +
    'large language models|generative ai|gen ai|genai|chatgpt|openai|model training|train models|' +
    'training models|train ai|train its models|ai models|ai features|ai model|foundation model|' +
    'foundation models|copilot|automated decision making',
  // third parties
  'third_party: subprocessor|subprocessors|sub processor|sub processors|subcontractor|subcontractors|' +
    'sub contractor|sub contractors|third party|third parties|3rd party|3rd parties|vendors|suppliers|' +
    'supplier|service providers|service provider|fourth party|fourth parties|4th party|outsourced|' +
    'outsourcing|outsource|vendor management|vendor risk|vendor risk management|supplier management|' +
    'supplier risk|third party risk|third party risk management|tprm|vendor assessment|vendor assessments|' +
    'vendor due diligence|supplier due diligence|vendor review|vendor reviews|vendor security|' +
    'supplier security|supply chain|partners|downstream providers',
  // governance, risk and compliance
  'policy: information security policy|information security policies|security policy|security policies|' +
    'isms|information security management system|policy framework|infosec policy|infosec policies|' +
    'written information security program|wisp|information security program|security program|' +
    'security programme|policies and procedures|policy review|policy reviews|policy exceptions|' +
    'policy exception|standards and procedures',
  'governance: ciso|chief information security officer|security officer|information security officer|' +
    'head of security|vp of security|vp security|security leadership|security team|' +
    'security organization|security function|security committee|security steering committee|' +
    'steering committee|board oversight|board of directors|board|audit committee|governance|' +
    'roles and responsibilities|responsible for security|' +
    'dedicated security|org chart|organizational structure|management oversight|executive oversight',
  'risk: risk assessment|risk assessments|risk management|risk register|risk registers|risk analysis|' +
    'risk treatment|risk appetite|risk acceptance|risk tolerance|threat assessment|enterprise risk|' +
    'enterprise risk management|erm|fraud risk|risk methodology|risk ranking|risk rating|risk owners|' +
    'risk owner|risks|risk|bia|business impact analysis|business impact analyses',
  'soc2+attest: soc 2|soc2|soc ii|soc 2 type 2|soc 2 type ii|soc 2 type 1|soc 2 type i|' +
    'trust services criteria|tsc|aicpa|ssae 18|ssae18|isae 3402|isae 3000|soc 1|soc1|soc 3|soc3|' +
    'soc report|soc reports',
  'attest: attestation|attestations|attestation report|attestation reports|audit report|audit reports|' +
    'independent audit|independent audits|external audit|external audits|external auditor|' +
    'external auditors|third party audit|third party audits|independent auditor|independent auditors|' +
    'auditor|auditors|audit opinion|qualified opinion|unqualified opinion|adverse opinion|' +
    'modified opinion|audit exceptions|exceptions noted|bridge letter|gap letter|type 2|type ii|' +
    'type 1 report|type i report|cpa firm|audit firm|certification|certifications|certified|certificate ' +
    'of compliance|compliance reports|compliance report|assurance report|assurance reports|' +
    'independent assessment|independent assessments|third party assessment|third party assessments',
  'iso27001+attest: iso 27001|iso27001|iso iec 27001|iso 27001 2013|iso 27001 2022|iso 27017|' +
    'iso 27018|iso 27701|iso27701|iso 22301|iso certification|iso certified|statement of applicability',
  'pci+attest: pci|pci dss|pci dss 4.0|pcidss|cardholder data|cardholder|payment card|payment cards|' +
    'credit card|credit cards|card data|card numbers|pan|primary account number|card tokenization|' +
    'payment tokenization|payment processor|payment processing|payment data|qsa|roc|saq|aoc',
  'frameworks+attest: hitrust|fedramp|stateramp|csa star|star registry|cyber essentials|nist csf|' +
    'nist cybersecurity framework|nist 800 53|nist sp 800 53|nist 800 171|nist sp 800 171|cmmc|' +
    'cis controls|cobit|txramp|ens|c5|irap|nist',
  'internal_audit: internal audit|internal audits|internal auditor|internal auditors|' +
    'compliance monitoring|control testing|controls testing|control monitoring|controls monitoring|' +
    'continuous control monitoring|gap assessment|gap assessments|gap analysis|self assessment|' +
    'self assessments|management review|management reviews|control effectiveness|' +
    'control deficiencies|control deficiency|corrective action|corrective actions|remediation plan|' +
    'remediation plans|compliance program|compliance team|compliance function|grc',
  'asset: asset inventory|asset inventories|asset management|asset register|asset registers|inventory|' +
    'inventories|cmdb|hardware inventory|software inventory|asset tracking|information assets|' +
    'asset owner|asset owners|assets|asset|configuration items|authorized software|approved software|' +
    'software allowlist|application whitelisting|application allowlisting|shadow it',
  'hr_screen: background check|background checks|background screening|background screenings|' +
    'background investigation|background investigations|pre employment screening|pre employment checks|' +
    'employment screening|employee screening|criminal background|criminal record|criminal records|' +
    'criminal history|employment history|reference checks|reference check|vetting|vetted|screened|screening|' +
    'right to work|employment verification|education verification',
  'nda+hr_terms: nda|ndas|non disclosure|non disclosure agreement|non disclosure agreements|' +
    'confidentiality agreement|confidentiality agreements|confidentiality obligations|' +
    'confidentiality clause|confidentiality clauses',
  'aup+hr_terms: acceptable use|acceptable use policy|aup|code of conduct|code of ethics|' +
    'employee handbook|handbook|rules of behavior|appropriate use',
  'disciplinary+hr_terms: disciplinary|disciplinary process|disciplinary action|disciplinary actions|' +
    'sanctions policy|sanction policy|consequences for violations',
  'hr_terms: employment contract|employment contracts|terms of employment|acknowledge|acknowledgement|' +
    'acknowledgment|acknowledged|sign off|attest annually',
  'training: security awareness|awareness training|security training|security awareness training|' +
    'awareness program|awareness programme|phishing simulation|phishing simulations|phishing test|' +
    'phishing tests|phishing exercises|phishing campaigns|simulated phishing|knowbe4|security education|' +
    'training|trained|trainings|train|train employees|train staff|courses|course|' +
    'security champions|role based training|developer training|secure coding training',
  'whistleblower: whistleblower|whistleblowers|whistle blower|whistle blowing|whistleblowing|' +
    'ethics hotline|hotline|anonymous reporting|report concerns|speak up|reporting concerns|' +
    'report misconduct|retaliation|fraud hotline',
  // infrastructure and operations
  'firewall+network: deny by default|default deny|deny all|deny all traffic|untrusted networks|' +
    'untrusted network|firewall|firewalls|ngfw|security groups|security group|network acl|network acls|' +
    'acl|acls|firewall rules|firewall rule|firewall configuration|ingress|egress|ingress rules|' +
    'egress filtering|inbound traffic|outbound traffic|open ports|ports and protocols|port scanning',
  'waf+network: waf|wafs|web application firewall|web application firewalls|cloudflare|akamai|' +
    'cloud armor|bot protection|bot management|bot mitigation',
  'segmentation+network: network segmentation|segmentation|segmented|segment|segments|segregated network|' +
    'segregated networks|network segregation|network zones|vlan|vlans|vpc|vpcs|virtual private cloud|' +
    'dmz|micro segmentation|microsegmentation|private subnets|private subnet|subnets|network isolation|' +
    'isolated network|flat network',
  'network: network|networks|network security|network architecture|network diagram|network diagrams|' +
    'wireless|wi fi|wifi|guest network|guest wifi|routers|switches',
  'ddos+network: ddos|dos attack|denial of service|distributed denial of service|ddos protection|' +
    'ddos mitigation|dos attacks|ddos attacks|rate limiting|rate limit|rate limits|throttle|throttling|' +
    'aws shield|shield advanced|volumetric attacks',
  'email_sec: email security|spf|dkim|dmarc|phishing|phish|anti phishing|spam|spam filtering|' +
    'email filtering|secure email gateway|email gateway|spoofing|spoofed|email authentication|' +
    'business email compromise|bec',
  'endpoint: endpoint|endpoints|laptop|laptops|workstation|workstations|desktop|desktops|' +
    'end user devices|end user device|company devices|company owned devices|company issued|' +
    'corporate devices|corporate laptops|employee devices|employee laptops|managed devices|' +
    'endpoint security|endpoint hardening|local admin|local administrator|local admin rights',
  'antimalware+endpoint: antivirus|anti virus|anti malware|antimalware|malware|malicious software|' +
    'malicious code|edr|xdr|endpoint detection|endpoint detection and response|endpoint protection|' +
    'endpoint protection platform|epp|crowdstrike|falcon|sentinelone|defender|microsoft defender|virus|' +
    'viruses|ransomware|trojans|worms|spyware|ransomware attack|ransomware attacks',
  'mdm+endpoint: byod|bring your own device|bring your own devices|mdm|mobile device management|' +
    'mobile devices|mobile device|mobile phones|smartphones|smartphone|tablets|personal devices|' +
    'personal device|personally owned|personally owned devices|intune|jamf|uem|' +
    'unified endpoint management|remote wipe|remotely wipe|lost devices|stolen devices|lost or stolen',
  'physical: physical security|physical access|physical access controls|badge|badges|badge access|' +
    'badge reader|badge readers|key card|keycard|key cards|cctv|video surveillance|surveillance cameras|' +
    'cameras|security guards|guards|guard|visitor|visitors|visitor log|visitor logs|mantrap|mantraps|' +
    'biometric|biometrics|facility|facilities|office security|server room|server rooms|premises|' +
    'office security|physical office|clean desk|clean desk policy|environmental controls|' +
    'fire suppression|power redundancy|uninterruptible power|generators|hvac',
  'hosting: aws|amazon web services|amazon|gcp|google cloud|google cloud platform|azure|microsoft azure|' +
    'iaas|paas|cloud provider|cloud providers|cloud service provider|cloud service providers|csp|' +
    'hosting provider|hosting providers|hosted|hosting|host|data center|data centers|data centre|' +
    'data centres|datacenter|datacenters|colocation|colo|cloud infrastructure|public cloud|private cloud|' +
    'on premise|on premises|on prem|infrastructure provider|cloud hosted|cloud based',
  'residency: data residency|data location|data locations|data locality|data localization|' +
    'data localisation|data sovereignty|geographic location|geographic locations|geographic|' +
    'geographically|geography|region|regions|regional|country|countries|jurisdiction|jurisdictions|' +
    'eu only|within the eu|in the eu|eu region|us region|united states|us based|outside the us|' +
    'outside the eu|stored outside|offshore|offshoring|located|location|locations|physically stored|' +
    'where data is stored|where is data stored|where is the data|data stored outside|foreign',
  'backup: backup|backups|back up|back ups|backed up|backing up|snapshot|snapshots|restore|restores|' +
    'restored|restoring|restoration|restore test|restore tests|restore testing|point in time recovery|' +
    'pitr|replica|replicas|replication|replicated|offsite|off site|immutable backups|backup retention|' +
    'backup frequency|backup encryption|backup testing',
  'bcdr: bcdr|bcp|bcps|drp|dr|business continuity|business continuity plan|business continuity plans|' +
    'continuity plan|continuity plans|continuity planning|disaster recovery|disaster recovery plan|' +
    'disaster recovery plans|contingency plan|contingency plans|contingency planning|resilience|' +
    'resiliency|resilient|failover|fail over|failovers|recovery plan|recovery plans|' +
    'operational resilience|disaster|disasters|recover|recovery|multi region|multi az|' +
    'multiple availability zones|availability zones|availability zone|redundancy|redundant|' +
    'geographically redundant|geo redundant|hot standby|warm standby|pandemic|crisis management',
  'rto_rpo+bcdr: rto|rtos|rpo|rpos|recovery time objective|recovery time objectives|' +
    'recovery point objective|recovery point objectives|recovery time|recovery point|' +
    'maximum tolerable downtime|mtd|mttr|data loss tolerance|recovery objectives|how much data|' +
    'data loss|lose data|lost data|data lost|could lose|would lose|maximum data loss|time to recover|' +
    'time to restore',
  'uptime: uptime|sla|slas|service level|service levels|service level agreement|service level agreements|' +
    'availability commitment|availability commitments|availability target|guaranteed availability|' +
    '99.9|99.95|99.99|99.5|downtime|outage|outages|status page|status pages|service credits|' +
    'service credit|maintenance window|maintenance windows|scheduled maintenance|planned maintenance|' +
    'service availability|system availability|platform availability|high availability|availability',
  'capacity: capacity|capacity planning|capacity management|scalability|scalable|scale|scaling|' +
    'autoscaling|auto scaling|autoscale|load balancing|load balancer|load balancers|' +
    'performance monitoring|resource utilization|resource usage|peak load|peak loads|' +
    'traffic spikes|load testing|stress testing|black friday|peak|peaks|spike|spikes|surge|surges|' +
    'holiday|holidays|seasonal|high traffic|heavy traffic|traffic peaks|heavy load|high load',
  'insurance: insurance|cyber insurance|cyber liability|cyber liability insurance|cyber risk insurance|' +
    'errors and omissions|e and o|professional liability|professional indemnity|insured|coverage limits|' +
    'policy limits|insurance coverage|insurance policy|insurance policies|certificate of insurance|' +
    'technology errors|general liability|umbrella',
  'time_sync: ntp|time synchronization|time synchronisation|clock synchronization|' +
    'clock synchronisation|time sync|synchronized clocks|synchronised clocks|time source|time sources|' +
    'time server|time servers|system clocks|clocks',
  'accessibility: accessibility|wcag|wcag 2.1|wcag 2.2|wcag 2.0|vpat|vpats|section 508|508|ada|' +
    'americans with disabilities act|screen reader|screen readers|assistive technology|' +
    'assistive technologies|accessibility conformance report|acr|en 301 549|users with disabilities|students with disabilities|keyboard navigation',
  'processing_integrity: processing integrity|data integrity|data accuracy|accurate|accuracy|' +
    'data completeness|completeness and accuracy|data quality|reconciliation|reconciliations|reconcile|input controls|output controls|' +
    'validation checks|checksums|checksum|idempotent|idempotency|duplicate transactions|' +
    'processing errors|error handling|transaction integrity|data validation|data corruption',
  'confidentiality: confidentiality|confidential|confidential information|trade secrets|' +
    'proprietary information|customer confidential|sensitive information|sensitive data',
  'ownership: ownership|owns|retain ownership|owner of|data ownership|owns the data|own the data|owner of the data|ownership of data|' +
    'ownership of customer data|customer owns|customers own|intellectual property|ip rights|' +
    'license to use',
  'support_access: support access|support staff access|support personnel|support engineers|support team|' +
    'customer support|impersonation|impersonate|login as|log in as|access customer accounts|' +
    'access customer data|access to customer data|employee access to customer data|' +
    'staff access to customer data|troubleshooting|customer consent for access|access on request',
  'mobile_app: mobile app|mobile apps|mobile application|mobile applications|ios|android|app store|' +
    'play store|native app|native apps',
  'customer_security: customer security settings|customer configurable|customer admins|' +
    'admin console|administrator console|tenant admin|tenant admins|customer audit logs|audit log export|' +
    'security settings',
  'ip_restrict+customer_security: ip allowlisting|ip allowlist|ip whitelisting|ip whitelist|' +
    'ip restrictions|ip restriction|ip address restrictions|allowlist|allowlisted|whitelist|whitelisted|' +
    'ip range|ip ranges|ip address range|ip address ranges|network range|network ranges|trusted ip|' +
    'trusted ips|trusted ip addresses',
  'fraud: fraud|fraudulent|fraud detection|fraud prevention|account takeover|ato|chargeback|' +
    'chargebacks|card testing|carding|bots|scalping',
  'financial: financial statements|audited financials|audited financial statements|financial stability|' +
    'financial health|going concern|credit rating|revenue|profitability|funding|bankruptcy|insolvency|' +
    'dun and bradstreet|d and b|duns',
  'sanctions: sanctions|ofac|export control|export controls|embargoed|embargo|denied parties|' +
    'restricted parties|itar|ear',
  // everyday words that questionnaires use interchangeably
  'notify: notify|notifies|notified|notifying|notification|notifications|inform|informed|informs|' +
    'informing|communicate|communicates|communicating|communication|communications|notice|notices|' +
    'advise|advised|told|tell|announce|announced|announcement|announcements',
  'modify: alter|alters|altered|altering|alteration|alterations|modify|modifies|modified|modification|' +
    'modifications|change|changes|changed|changing|amend|amends|amended|amendment|amendments',
  'exception: exception|exceptions|deviation|deviations|waiver|waivers|exemption|exemptions|' +
    'policy exception|policy exceptions',
  'workforce: employee|employees|staff|staffs|personnel|workforce|workforce members|constituent|' +
    'constituents|team members|workers|internal users|colleagues',
  'require: require|required|requires|requiring|requirement|requirements|enforce|enforced|enforces|' +
    'enforcing|force|forced|forces|mandate|mandated|mandates|mandatory|compulsory|obligatory',
  'remediate: remediate|remediated|remediates|remediating|remediation|fix|fixed|fixes|fixing|' +
    'resolve|resolved|resolves|resolving|resolution|mitigate|mitigated|mitigates|mitigation',
  'expiry: expire|expires|expired|expiring|expiry|expiration|renew|renews|renewal|renewed|renewals|' +
    'auto renew|auto renewal',
  'byok+key_mgmt+crypto: byok|bring your own key|bring your own keys|customer managed key|' +
    'customer managed keys|customer managed encryption keys|cmk|cmek|hyok|hold your own key|' +
    'customer controlled keys|customer controlled key|customer held keys',
  'certificates+enc_transit+crypto: tls certificate|tls certificates|ssl certificate|ssl certificates|' +
    'certificate management|digital certificates|x.509|certificate authority|certificate authorities|pki|' +
    'certificate expiry|certificate expiration|certificate renewal|certificate transparency',
  'eol+vuln: end of life|eol|end of support|out of support|unsupported|unsupported software|' +
    'unsupported systems|no longer supported|no longer receive|legacy software|legacy systems|obsolete|' +
    'outdated|outdated software',
  'rollback+change: rollback|rollbacks|roll back|rolled back|revert|reverts|reverted|reverting|' +
    'back out|backout|blue green|canary|canary releases',
  'tamper: tamper|tampering|tamper proof|tamper evident|tamper resistant|write once|worm|immutable|' +
    'immutability|object lock|unauthorized modification|unauthorized modifications|unauthorized alteration|' +
    'immutable logs',
  'soc_ops+monitoring: 24x7|24 7|24 x 7|247|around the clock|security operations center|' +
    'security operations centre|security operations|soc team|managed detection|' +
    'managed detection and response|mdr|on call|on call rotation|on call engineer',
  'secondary_use: secondary use|secondary uses|secondary purpose|secondary purposes|other purposes|' +
    'purposes other than|sell|sells|sold|selling|resell|resold|monetize|monetise|monetization|' +
    'use of customer data|share with advertisers',
  'source_code: source code|version control|source control|code repository|code repositories|' +
    'repository|repositories|git|github|gitlab|bitbucket|codebase|code base',
  'import: import|imports|imported|importing|upload|uploads|uploaded|uploading|bulk upload|' +
    'bulk uploads|bulk import|data import|data imports|ingest|ingestion|ingested|csv import|spreadsheet',
  'validation: validate|validates|validated|validating|validation|malformed|invalid|reject|rejects|' +
    'rejected|rejection|schema|schemas|sanity checks',
  'litigation+legal: litigation|lawsuit|lawsuits|legal proceedings|legal action|legal actions|' +
    'regulatory actions|regulatory action|penalties|enforcement action|enforcement actions|' +
    'pending claims|settlements|judgments',
  'gov_requests+legal: subpoena|subpoenas|law enforcement|government requests|government request|' +
    'government access|government agency|government agencies|legal requests|legal request|warrant|' +
    'warrants|court order|court orders|transparency report|compelled disclosure|lawful access'
];

/** Possessives are interchangeable inside lexicon phrases: "bring our own key" is "bring your own key". */
const POSSESSIVES: ReadonlySet<string> = new Set(['our', 'their', 'my', 'his', 'her', 'its']);

function lexiconKey(raw: string, stemmed: string): string {
  return POSSESSIVES.has(raw) ? 'your' : stemmed;
}

interface LexiconNode {
  readonly next: Map<string, LexiconNode>;
  concepts: readonly string[] | undefined;
}

function newNode(): LexiconNode {
  return { next: new Map(), concepts: undefined };
}

const NON_ASCII = /[\u0080-\uffff]/;

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Lower-case ASCII tokens: runs of letters and digits, where a dot followed by a digit stays inside
 * the token (`1.2`, `cc6.1`, `x.509`). Accents are dropped, `'s` and apostrophes removed, `&` read as
 * "and"; everything else separates tokens.
 */
function rawTokens(text: string): string[] {
  let s = text.toLowerCase();
  if (NON_ASCII.test(s)) {
    s = s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019\u02bc\u00b4]/g, "'");
  }
  if (s.includes("'")) {
    s = s.replace(/'s\b/g, '').replace(/'/g, '');
  }
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) {
        start = i;
      }
    } else if (!(start >= 0 && c === 46 && isDigitAt(s, i + 1))) {
      if (start >= 0) {
        tokens.push(s.slice(start, i));
        start = -1;
      }
      if (c === 38) {
        tokens.push('and');
      }
    }
  }
  if (start >= 0) {
    tokens.push(s.slice(start));
  }
  return tokens;
}

/** The text as the engine reads it: lower-case ASCII tokens separated by single spaces. */
export function normalizeText(text: string): string {
  return rawTokens(text).join(' ');
}

function buildLexicon(lines: readonly string[]): LexiconNode {
  const root = newNode();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const concepts = line
      .slice(0, colon)
      .split('+')
      .map((name) => `#${name.trim()}`);
    for (const phrase of line.slice(colon + 1).split('|')) {
      const stems = rawTokens(phrase).map((raw) => lexiconKey(raw, stem(raw)));
      if (stems.length === 0) {
        continue;
      }
      let node = root;
      for (const s of stems) {
        let child = node.next.get(s);
        if (child === undefined) {
          child = newNode();
          node.next.set(s, child);
        }
        node = child;
      }
      // A phrase listed under several concepts emits all of them.
      node.concepts = node.concepts === undefined ? concepts : [...new Set([...node.concepts, ...concepts])];
    }
  }
  return root;
}

const LEXICON_ROOT = buildLexicon(LEXICON);

/** The result of analysing one text. */
export interface AnalyzedText {
  /** Stemmed content words in order, stop words removed. */
  readonly words: readonly string[];
  /** Concept tokens (`#mfa`, `#enc_rest`, ...) in order of appearance. */
  readonly concepts: readonly string[];
  /** Adjacent content-word pairs, `"encrypt rest"`. */
  readonly bigrams: readonly string[];
  /**
   * For each word, whether it sits inside a lexicon phrase (its meaning is also carried by a concept).
   * Same length as `words`.
   */
  readonly inPhrase: readonly boolean[];
  /** For each word, whether it is questionnaire boilerplate (weighs less in a question). */
  readonly weak: readonly boolean[];
}

/** Words (stemmed, stop words dropped), whether each sits in a lexicon phrase, and concepts. */
interface CoreAnalysis {
  readonly words: string[];
  readonly inPhrase: boolean[];
  readonly weak: boolean[];
  readonly concepts: string[];
}

/** What the analysis needs to know about one distinct token, computed once and cached. */
interface TokenInfo {
  readonly stem: string;
  /** The key under which lexicon phrases continue through this token. */
  readonly key: string;
  /** A stop word, or a single letter: not a content word. */
  readonly skip: boolean;
  readonly stop: boolean;
  readonly weak: boolean;
  /** The lexicon node of phrases starting with this token, if any. */
  readonly start: LexiconNode | undefined;
}

const tokenCache = new Map<string, TokenInfo>();
const TOKEN_CACHE_LIMIT = 100_000;

function tokenInfo(raw: string): TokenInfo {
  let info = tokenCache.get(raw);
  if (info === undefined) {
    const stemmed = stem(raw);
    const key = lexiconKey(raw, stemmed);
    const stop = STOP_WORDS.has(raw);
    info = {
      stem: stemmed,
      key,
      stop,
      skip: stop || (raw.length === 1 && !isDigitAt(raw, 0)),
      weak: WEAK_WORDS.has(raw),
      start: LEXICON_ROOT.next.get(key)
    };
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) {
      tokenCache.clear();
    }
    tokenCache.set(raw, info);
  }
  return info;
}

function analyzeCore(text: string): CoreAnalysis {
  const infos = rawTokens(text).map(tokenInfo);
  const words: string[] = [];
  const inPhrase: boolean[] = [];
  const weak: boolean[] = [];
  const concepts: string[] = [];
  let phraseEnd = 0;
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i] as TokenInfo;
    if (i >= phraseEnd && info.start !== undefined) {
      let node: LexiconNode | undefined = info.start;
      let found = node.concepts;
      let foundEnd = i + 1;
      for (let j = i + 1; j < infos.length; j++) {
        node = node.next.get((infos[j] as TokenInfo).key);
        if (node === undefined) {
          break;
        }
        if (node.concepts !== undefined) {
          found = node.concepts;
          foundEnd = j + 1;
        }
      }
      // A one-word phrase never fires on a stop word or boilerplate ("vendor" is, "vendors" is not).
      if (found !== undefined && !(foundEnd === i + 1 && (info.stop || info.weak))) {
        for (const concept of found) {
          concepts.push(concept);
        }
        phraseEnd = foundEnd;
      }
    }
    if (info.skip) {
      continue;
    }
    words.push(info.stem);
    inPhrase.push(i < phraseEnd);
    weak.push(info.weak);
  }
  return { words, inPhrase, weak, concepts };
}

/** Tokenise, stem, find lexicon concepts (longest phrase first), drop stop words, form bigrams. */
export function analyze(text: string): AnalyzedText {
  const { words, inPhrase, weak, concepts } = analyzeCore(text);
  const bigrams: string[] = [];
  for (let i = 1; i < words.length; i++) {
    bigrams.push(`${words[i - 1]} ${words[i]}`);
  }
  return { words, concepts, bigrams, inPhrase, weak };
}

// ---------------------------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------------------------

/** A question ready for ranking: the analysis is shared by every ranker. */
export interface PreparedQuery {
  /** The question as asked. */
  readonly text: string;
  /** The section it sits under ('' when none): weak context. */
  readonly section: string;
  readonly analyzed: AnalyzedText;
  readonly sectionAnalyzed: AnalyzedText;
}

/** One ranked entry. */
export interface Candidate {
  /** Position of the entry in the list of approved entries the ranker was built from. */
  readonly index: number;
  /** Relevance normalised to 0..1 (1: the question is fully and strongly matched). */
  readonly relevance: number;
}

/**
 * Anything that ranks the approved entries for a question. The lexical BM25F ranker is one; a
 * semantic ranker (embeddings computed in the org, for instance) can be added through
 * {@link MatcherOptions.rankers} without changing the rest of the engine.
 */
export interface Ranker {
  readonly name: string;
  /** The best k candidates, best first, relevance in 0..1, ties broken deterministically. */
  rank(query: PreparedQuery, k: number): Candidate[];
}

/** Builds a ranker over the approved entries (the same list and order the lexical ranker sees). */
export type RankerFactory = (entries: readonly LibraryEntry[]) => Ranker;

/** An extra ranker and how much its relevance weighs against the lexical one (weight 1). */
export interface RankerSpec {
  readonly factory: RankerFactory;
  readonly weight?: number;
}

interface FieldSpec {
  readonly weight: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  readonly b: number;
}

/**
 * BM25F parameters. Fields: the canonical question, the alternate phrasings, the answer, the
 * criteria. Field weights and k1 are conventional values; the concept and bigram boosts were taken
 * from the middle of the flat region of a small grid (top-1 within 88-91% for concept boosts 1.5-3
 * and bigram boosts 0.5-1) on scripts/bench/data/evaluation.json, not its single best point.
 */
const K1 = 1.2;
const FIELDS: readonly FieldSpec[] = [
  { weight: 3, b: 0.6 },
  { weight: 2, b: 0.6 },
  { weight: 1, b: 0.75 },
  { weight: 0.5, b: 0 }
];
/** Criteria ids (`cc6.1`) are matched as words, never as bigrams. */
const FIELD_CRITERIA = 3;
/** Term kinds weigh differently: concepts are strong evidence, bigrams a bonus on top of words. */
const BOOST_WORD = 1;
const BOOST_CONCEPT = 2;
const BOOST_BIGRAM = 0.5;
/** Terms that appear only in the section heading, not in the question. */
const SECTION_WEIGHT = 0.3;

/** Term kinds, for their boost. */
const KIND_WORD = 0;
const KIND_CONCEPT = 1;
const KIND_BIGRAM = 2;
const KIND_BOOST = [BOOST_WORD, BOOST_CONCEPT, BOOST_BIGRAM];
/** Bigrams are keyed by their two word ids: first · BIGRAM_BASE + second (exact below 2^31 ids). */
const BIGRAM_BASE = 4_194_304;
const FIELD_COUNT = FIELDS.length;

interface QueryTerm {
  readonly id: number;
  /** Query weight × kind boost × idf. */
  readonly weight: number;
}

/** A unit of meaning in the question, for coverage: a word or a concept, with its idf weight. */
interface QueryUnit {
  /** Term id, -1 when the library does not know the term. */
  readonly id: number;
  readonly weight: number;
}

/** A question turned into index terms. */
export interface LexicalQuery {
  readonly terms: readonly QueryTerm[];
  readonly units: readonly QueryUnit[];
  /** The most the query could score: every term fully saturated. */
  readonly ceiling: number;
}

function idfOf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

function fieldTexts(entry: LibraryEntry): readonly (readonly string[])[] {
  return [[entry.question], entry.alternates ?? [], [entry.answer], entry.criteria ?? []];
}

/**
 * The lexical index and ranker: BM25F over an inverted index of words, concept tokens and bigrams.
 * Postings are stored flat (one typed array of documents and one of precomputed saturated BM25F
 * weights, sliced per term), so a query touches only the postings of its own terms.
 */
export class LexicalIndex implements Ranker {
  readonly name = 'lexical';
  readonly size: number;
  /** Words and `#concepts` to term id. */
  private readonly vocabulary = new Map<string, number>();
  /** Bigram key (see BIGRAM_BASE) to term id. */
  private readonly bigrams = new Map<number, number>();
  private readonly kinds: number[] = [];
  private readonly idf: Float64Array;
  /** Postings of term t: documents and weights in [postingStart[t], postingStart[t + 1]). */
  private readonly postingStart: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float64Array;
  /** Word and concept ids of document d, sorted, in [docTermStart[d], docTermStart[d + 1]). */
  private readonly docTermStart: Int32Array;
  private readonly docTermIds: Int32Array;

  private readonly ids: readonly string[];
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly seen: Uint8Array;
  private readonly unknownIdf: number;

  constructor(entries: readonly LibraryEntry[]) {
    const size = entries.length;
    this.size = size;
    this.ids = entries.map((entry) => entry.id);
    this.scores = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.seen = new Uint8Array(size);
    this.unknownIdf = idfOf(size, 1);

    // Pass 1: analyse every field once, recording term ids, field lengths and document frequencies.
    const df: number[] = [];
    const lastDoc: number[] = [];
    const occurrences: number[] = [];
    const fieldEnds: number[] = [];
    const lengths: number[] = [];
    const count = (id: number, doc: number): void => {
      occurrences.push(id);
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc;
        df[id] = (df[id] as number) + 1;
      }
    };
    const intern = (term: string, kind: number): number => {
      let id = this.vocabulary.get(term);
      if (id === undefined) {
        id = this.newTerm(kind, df, lastDoc);
        this.vocabulary.set(term, id);
      }
      return id;
    };
    entries.forEach((entry, doc) => {
      fieldTexts(entry).forEach((texts, field) => {
        let length = 0;
        for (const text of texts) {
          const { words, concepts } = analyzeCore(text);
          length += words.length;
          let previous = -1;
          for (const word of words) {
            const id = intern(word, KIND_WORD);
            count(id, doc);
            if (previous >= 0 && field !== FIELD_CRITERIA) {
              const key = previous * BIGRAM_BASE + id;
              let bigram = this.bigrams.get(key);
              if (bigram === undefined) {
                bigram = this.newTerm(KIND_BIGRAM, df, lastDoc);
                this.bigrams.set(key, bigram);
              }
              count(bigram, doc);
            }
            previous = id;
          }
          for (const concept of concepts) {
            count(intern(concept, KIND_CONCEPT), doc);
          }
        }
        lengths.push(length);
        fieldEnds.push(occurrences.length);
      });
    });

    // Pass 2: postings laid out flat, filled document by document (so each list is in document order).
    const terms = this.kinds.length;
    this.idf = new Float64Array(terms);
    this.postingStart = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) {
      const frequency = df[t] as number;
      this.idf[t] = idfOf(size, frequency);
      this.postingStart[t + 1] = (this.postingStart[t] as number) + frequency;
    }
    this.postingDocs = new Int32Array(this.postingStart[terms] as number);
    this.postingWeights = new Float64Array(this.postingStart[terms] as number);
    const averages = FIELDS.map((_, field) => {
      let total = 0;
      for (let doc = 0; doc < size; doc++) {
        total += lengths[doc * FIELD_COUNT + field] as number;
      }
      return size > 0 ? total / size : 0;
    });
    const fill = this.postingStart.slice(0, terms);
    const pseudo = new Float64Array(terms);
    const docTerms = new Int32Array(terms);
    const docTermIds: number[] = [];
    this.docTermStart = new Int32Array(size + 1);
    let from = 0;
    for (let doc = 0; doc < size; doc++) {
      let distinct = 0;
      for (let field = 0; field < FIELD_COUNT; field++) {
        const spec = FIELDS[field] as FieldSpec;
        const average = averages[field] as number;
        const length = lengths[doc * FIELD_COUNT + field] as number;
        const norm = average > 0 ? Math.max(0.1, 1 - spec.b + (spec.b * length) / average) : 1;
        const add = spec.weight / norm;
        const to = fieldEnds[doc * FIELD_COUNT + field] as number;
        for (let o = from; o < to; o++) {
          const t = occurrences[o] as number;
          if (pseudo[t] === 0) {
            docTerms[distinct++] = t;
          }
          pseudo[t] = (pseudo[t] as number) + add;
        }
        from = to;
      }
      const mine = docTerms.subarray(0, distinct).sort();
      for (const t of mine) {
        const tf = pseudo[t] as number;
        pseudo[t] = 0;
        const at = fill[t] as number;
        fill[t] = at + 1;
        this.postingDocs[at] = doc;
        this.postingWeights[at] = ((K1 + 1) * tf) / (K1 + tf);
        if (this.kinds[t] !== KIND_BIGRAM) {
          docTermIds.push(t);
        }
      }
      this.docTermStart[doc + 1] = docTermIds.length;
    }
    this.docTermIds = Int32Array.from(docTermIds);
  }

  private newTerm(kind: number, df: number[], lastDoc: number[]): number {
    const id = this.kinds.length;
    this.kinds.push(kind);
    df.push(0);
    lastDoc.push(-1);
    return id;
  }

  /** Turns an analysed question (and its section) into weighted index terms and coverage units. */
  prepare(query: PreparedQuery): LexicalQuery {
    const weights = new Map<number, number>();
    const units = new Map<string, QueryUnit>();
    let unknownCeiling = 0;
    const { words, concepts, inPhrase, weak } = query.analyzed;
    const wordIds = words.map((word) => this.vocabulary.get(word) ?? -1);
    const addUnit = (term: string, id: number, boost: number, weight: number): void => {
      if (units.has(term)) {
        return;
      }
      units.set(term, { id, weight: weight * (id >= 0 ? (this.idf[id] as number) : this.unknownIdf) });
      if (id >= 0) {
        weights.set(id, weight);
      } else {
        // Unknown question words and concepts count against the ceiling: the library lacks them.
        unknownCeiling += weight * boost * this.unknownIdf * (K1 + 1);
      }
    };
    words.forEach((word, i) => {
      const id = wordIds[i] as number;
      // A word the library never uses, inside a lexicon phrase, is carried by its concept instead.
      if (id >= 0 || inPhrase[i] !== true) {
        addUnit(word, id, BOOST_WORD, weak[i] === true ? WEAK_WEIGHT : 1);
      }
    });
    for (const concept of concepts) {
      addUnit(concept, this.vocabulary.get(concept) ?? -1, BOOST_CONCEPT, 1);
    }
    for (const id of this.bigramIds(wordIds)) {
      weights.set(id, 1);
    }
    const section = query.sectionAnalyzed;
    const sectionWordIds = section.words.map((word) => this.vocabulary.get(word) ?? -1);
    const sectionTerms = [
      ...sectionWordIds,
      ...section.concepts.map((concept) => this.vocabulary.get(concept) ?? -1),
      ...this.bigramIds(sectionWordIds)
    ];
    for (const id of sectionTerms) {
      if (id >= 0 && !weights.has(id)) {
        weights.set(id, SECTION_WEIGHT);
      }
    }
    const terms: QueryTerm[] = [];
    let ceiling = unknownCeiling;
    for (const [id, weight] of weights) {
      const value = weight * (KIND_BOOST[this.kinds[id] as number] as number) * (this.idf[id] as number);
      terms.push({ id, weight: value });
      ceiling += value * (K1 + 1);
    }
    return { terms, units: [...units.values()], ceiling };
  }

  private bigramIds(wordIds: readonly number[]): number[] {
    const found: number[] = [];
    for (let i = 1; i < wordIds.length; i++) {
      const first = wordIds[i - 1] as number;
      const second = wordIds[i] as number;
      const id = first >= 0 && second >= 0 ? this.bigrams.get(first * BIGRAM_BASE + second) : undefined;
      if (id !== undefined) {
        found.push(id);
      }
    }
    return found;
  }

  rank(query: PreparedQuery, k: number): Candidate[] {
    return this.rankPrepared(this.prepare(query), k);
  }

  /** Scores every document sharing a term with the query (postings only), keeps the best k. */
  rankPrepared(query: LexicalQuery, k: number): Candidate[] {
    const { scores, touched, seen, postingDocs, postingWeights, postingStart } = this;
    let count = 0;
    for (const term of query.terms) {
      const to = postingStart[term.id + 1] as number;
      for (let p = postingStart[term.id] as number; p < to; p++) {
        const doc = postingDocs[p] as number;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched[count++] = doc;
        }
        scores[doc] = (scores[doc] as number) + term.weight * (postingWeights[p] as number);
      }
    }
    const best: { index: number; score: number }[] = [];
    for (let t = 0; t < count; t++) {
      const doc = touched[t] as number;
      const score = scores[doc] as number;
      scores[doc] = 0;
      seen[doc] = 0;
      if (
        best.length < k ||
        this.before(doc, score, best[best.length - 1] as { index: number; score: number })
      ) {
        let at = best.length;
        while (at > 0 && this.before(doc, score, best[at - 1] as { index: number; score: number })) {
          at--;
        }
        best.splice(at, 0, { index: doc, score });
        if (best.length > k) {
          best.pop();
        }
      }
    }
    const ceiling = query.ceiling > 0 ? query.ceiling : 1;
    return best.map((hit) => ({ index: hit.index, relevance: Math.min(1, hit.score / ceiling) }));
  }

  /** Higher score first; equal scores by entry id, then by position: the same order every run. */
  private before(doc: number, score: number, other: { index: number; score: number }): boolean {
    if (score !== other.score) {
      return score > other.score;
    }
    return compareIds(this.ids[doc] as string, this.ids[other.index] as string, doc, other.index) < 0;
  }

  /** Share of the question's units (idf-weighted) that the document contains. */
  coverage(query: LexicalQuery, doc: number): number {
    return this.covered(query, this.docTermIds, this.docTermStart[doc] ?? 0, this.docTermStart[doc + 1] ?? 0);
  }

  private covered(query: LexicalQuery, ids: Int32Array, from: number, to: number): number {
    let total = 0;
    let matched = 0;
    for (const unit of query.units) {
      total += unit.weight;
      if (unit.id >= 0 && containsSorted(ids, from, to, unit.id)) {
        matched += unit.weight;
      }
    }
    return total > 0 ? matched / total : 0;
  }

  /** Share of the question's units (idf-weighted) that the library knows at all. */
  known(query: LexicalQuery): number {
    let total = 0;
    let known = 0;
    for (const unit of query.units) {
      total += unit.weight;
      if (unit.id >= 0) {
        known += unit.weight;
      }
    }
    return total > 0 ? known / total : 0;
  }
}

function compareIds(a: string, b: string, indexA: number, indexB: number): number {
  if (a !== b) {
    return a < b ? -1 : 1;
  }
  return indexA - indexB;
}

/** Binary search for value in list[from, to), which is sorted. */
function containsSorted(list: Int32Array, from: number, to: number, value: number): boolean {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = list[mid] as number;
    if (at === value) {
      return true;
    }
    if (at < value) {
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Calibration and bands
// ---------------------------------------------------------------------------------------------

/** The features the calibrated score is computed from, in this order. */
export const FEATURE_NAMES: readonly string[] = ['relevance', 'margin', 'coverage', 'known'];

/** A logistic model over {@link FEATURE_NAMES} and the band thresholds on its output. */
export interface Calibration {
  readonly intercept: number;
  /** One coefficient per feature, in {@link FEATURE_NAMES} order. */
  readonly coefficients: readonly number[];
  /** Probability at or above which the band is `high` (auto-answer). */
  readonly high: number;
  /** Probability at or above which the band is `medium` (suggest); between `low` and `high`. */
  readonly medium: number;
  /** Probability at or above which the band is `low`; below it the engine abstains (`none`). */
  readonly low: number;
}

/**
 * Fitted offline by `npx tsx scripts/bench/fitCalibration.ts`: L2-regularised logistic regression
 * (Newton's method) on the features of the top candidate for each of the 312 questions of
 * scripts/bench/data/evaluation.json ranked against scripts/bench/data/library.json; label 1 when the
 * top entry is a right answer, 0 otherwise (out-of-scope questions are always 0).
 * Thresholds are chosen on 5-fold cross-validated probabilities, never on the in-sample ones:
 * `high` is the lowest probability whose band keeps precision >= 0.96 (0.95 plus a point of margin);
 * `low` best separates out-of-scope questions from in-scope ones with a right top entry; `medium` is
 * halfway between `low` and `high`.
 * At fitting time: high-band precision 97.2% cross-validated (97.2% in-sample) at 34.9% coverage.
 * Refit and paste the printed constants after changing the analysis, the ranking or the lexicon.
 */
export const DEFAULT_CALIBRATION: Calibration = {
  intercept: -4.905,
  coefficients: [2.936, 4.615, 1.599, 3.347],
  high: 0.923,
  medium: 0.775,
  low: 0.626
};

/** The features of one ranking: see {@link FEATURE_NAMES}. */
export interface MatchFeatures {
  /** Fused relevance of the top entry, 0..1. */
  readonly relevance: number;
  /** How far ahead of the runner-up it is: (top - second) / top. */
  readonly margin: number;
  /** Share of the question (idf-weighted) found anywhere in the top entry. */
  readonly coverage: number;
  /** Share of the question the library knows at all (low for off-topic questions). */
  readonly known: number;
}

export function featureVector(features: MatchFeatures): number[] {
  return [features.relevance, features.margin, features.coverage, features.known];
}

/** The calibrated probability that the top entry is right. */
export function calibrate(features: MatchFeatures, calibration: Calibration = DEFAULT_CALIBRATION): number {
  const x = featureVector(features);
  let z = calibration.intercept;
  x.forEach((value, i) => {
    z += (calibration.coefficients[i] ?? 0) * value;
  });
  return 1 / (1 + Math.exp(-z));
}

/** The band of a calibrated probability. Abstaining wins: below `low` it is `none` whatever the rest. */
export function bandFor(probability: number, calibration: Calibration = DEFAULT_CALIBRATION): ConfidenceBand {
  if (!(probability >= calibration.low)) {
    return 'none';
  }
  if (probability >= calibration.high) {
    return 'high';
  }
  return probability >= calibration.medium ? 'medium' : 'low';
}

// ---------------------------------------------------------------------------------------------
// The matcher
// ---------------------------------------------------------------------------------------------

export interface MatcherOptions {
  /** Rankers fused with the lexical one (weight 1); none by default. */
  readonly rankers?: readonly RankerSpec[];
  /** Overrides the fitted calibration (used when refitting). */
  readonly calibration?: Calibration;
  /** How many candidates each ranker returns; 10 by default. */
  readonly depth?: number;
}

/** What the matcher needs of an item: its key, section and question. */
export interface MatchInput {
  readonly key: string;
  readonly section: string;
  readonly question: string;
}

/** A library entry left out of matching, and why. */
export interface ExcludedEntry {
  readonly id: string;
  readonly reason: 'not approved' | 'no answer' | 'no question' | 'duplicate id';
}

/** One candidate as the review grid shows it. */
export interface RankedEntry {
  readonly entryId: string;
  /** Fused relevance, 0..1 (not a probability). */
  readonly relevance: number;
  /** Share of the question this entry covers, 0..1. */
  readonly coverage: number;
}

/** The full picture for one question: candidates, features and the calibrated outcome. */
export interface MatchExplanation {
  readonly candidates: readonly RankedEntry[];
  /** Undefined when there was nothing to rank (empty question, empty library, no shared term). */
  readonly features: MatchFeatures | undefined;
  readonly probability: number;
  readonly band: ConfidenceBand;
}

export interface Matcher {
  /** Approved entries in the index. */
  readonly size: number;
  /** Entries given but never used, with the reason. */
  readonly excluded: readonly ExcludedEntry[];
  match(item: MatchInput): MatchResult;
  /** Matches every item in order; onProgress(done, total) is called as it goes and at the end. */
  matchAll(items: readonly MatchInput[], onProgress?: (done: number, total: number) => void): MatchResult[];
  /** Candidates, features and outcome for one question (for review screens and calibration). */
  explain(item: MatchInput): MatchExplanation;
}

/**
 * Items that invite whatever the responder wants to add rather than ask about a control: "Is there
 * anything else you want us to know about…?", "Any other comments about…?", "Any feedback?", and the
 * follow-ups of an "Other" choice ("Describe the other checks you perform", "What other plugins…").
 * Their answer is never in a library, however many topic words they share with one: the engine
 * abstains on them, so they go to a person.
 */
const OPEN_INVITATIONS: readonly RegExp[] = [
  /\b(?:anything|something) else\b/i,
  /\b(?:any|other|additional|further)\s+(?:\w+\s+){0,2}(?:comments?|remarks?)\b/i,
  /\b(?:any|your)\s+feedback\b/i,
  /^\s*(?:describe|explain|list|specify|name|detail)\b[^?.:]{0,20}\bthe other\b/i,
  /^\s*(?:what|which)\s+other\b/i
];

/** Whether a question is an open invitation (see {@link OPEN_INVITATIONS}) rather than a question about a control. */
export function isOpenInvitation(question: string): boolean {
  return OPEN_INVITATIONS.some((pattern) => pattern.test(question));
}

/** Most content words a question may have and still be too thin to auto-answer (with no security topic). */
const THIN_WORDS = 2;

/** A thin question's score is capped at this share of the high threshold (so it shows as below it). */
const THIN_CEILING = 0.999;

/**
 * Whether a question says too little to be auto-answered: no security topic the lexicon knows and at
 * most {@link THIN_WORDS} content words ("How is the scope limited?", "Describe how the traffic is
 * protected:"). Such items usually lean on the question before them; a library entry may still be
 * suggested, but a person decides.
 */
export function isThin(analyzed: AnalyzedText): boolean {
  return (
    analyzed.concepts.length === 0 &&
    analyzed.words.filter((_, i) => analyzed.weak[i] !== true).length <= THIN_WORDS
  );
}

/** Whether an entry may be used to answer: Approved, or no status at all (which means Approved). */
export function isUsable(entry: LibraryEntry): boolean {
  return entry.status === undefined || entry.status === 'Approved';
}

function selectEntries(entries: readonly LibraryEntry[]): {
  usable: LibraryEntry[];
  excluded: ExcludedEntry[];
} {
  const usable: LibraryEntry[] = [];
  const excluded: ExcludedEntry[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!isUsable(entry)) {
      excluded.push({ id: entry.id, reason: 'not approved' });
    } else if (entry.answer.trim() === '') {
      excluded.push({ id: entry.id, reason: 'no answer' });
    } else if (entry.question.trim() === '' && (entry.alternates ?? []).every((text) => text.trim() === '')) {
      excluded.push({ id: entry.id, reason: 'no question' });
    } else if (ids.has(entry.id)) {
      excluded.push({ id: entry.id, reason: 'duplicate id' });
    } else {
      ids.add(entry.id);
      usable.push(entry);
    }
  }
  return { usable, excluded };
}

/** Analyses a question and its section once, for every ranker. */
export function prepareQuery(question: string, section = ''): PreparedQuery {
  return { text: question, section, analyzed: analyze(question), sectionAnalyzed: analyze(section) };
}

const PROGRESS_STEPS = 100;

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Builds the matcher over a library. Entries that are not Approved (Draft, Needs Review, Retired),
 * have no answer or repeat an id are excluded before indexing and listed in `excluded`.
 */
export function createMatcher(entries: readonly LibraryEntry[], options: MatcherOptions = {}): Matcher {
  const { usable, excluded } = selectEntries(entries);
  const calibration = options.calibration ?? DEFAULT_CALIBRATION;
  const depth = Math.max(2, options.depth ?? 10);
  const lexical = new LexicalIndex(usable);
  const extra = (options.rankers ?? []).map((spec) => ({
    ranker: spec.factory(usable),
    weight: spec.weight ?? 1
  }));
  const totalWeight = 1 + extra.reduce((sum, spec) => sum + spec.weight, 0);

  const explain = (item: MatchInput): MatchExplanation => {
    const query = prepareQuery(item.question, item.section);
    const lexicalQuery = lexical.prepare(query);
    const abstain: MatchExplanation = { candidates: [], features: undefined, probability: 0, band: 'none' };
    if (usable.length === 0 || lexicalQuery.units.length === 0 || isOpenInvitation(item.question)) {
      return abstain;
    }
    const fused = new Map<number, number>();
    for (const hit of lexical.rankPrepared(lexicalQuery, depth)) {
      fused.set(hit.index, hit.relevance / totalWeight);
    }
    for (const { ranker, weight } of extra) {
      for (const hit of ranker.rank(query, depth)) {
        if (hit.index >= 0 && hit.index < usable.length) {
          const relevance = Math.min(1, Math.max(0, hit.relevance));
          fused.set(hit.index, (fused.get(hit.index) ?? 0) + (weight * relevance) / totalWeight);
        }
      }
    }
    const ranked = [...fused.entries()]
      .filter(([, relevance]) => relevance > 0)
      .sort(
        ([a, ra], [b, rb]) =>
          rb - ra || compareIds((usable[a] as LibraryEntry).id, (usable[b] as LibraryEntry).id, a, b)
      )
      .slice(0, depth);
    if (ranked.length === 0) {
      return abstain;
    }
    const candidates = ranked.map(([index, relevance]) => ({
      entryId: (usable[index] as LibraryEntry).id,
      relevance,
      coverage: lexical.coverage(lexicalQuery, index)
    }));
    const top = candidates[0] as RankedEntry;
    const second = candidates[1]?.relevance ?? 0;
    const features: MatchFeatures = {
      relevance: top.relevance,
      margin: (top.relevance - second) / top.relevance,
      coverage: top.coverage,
      known: lexical.known(lexicalQuery)
    };
    const calibrated = calibrate(features, calibration);
    // A thin question is never auto-answered: its score stays just below the high band.
    const probability = isThin(query.analyzed)
      ? Math.min(calibrated, THIN_CEILING * calibration.high)
      : calibrated;
    return { candidates, features, probability, band: bandFor(probability, calibration) };
  };

  const answerOf = new Map(usable.map((entry) => [entry.id, entry.answer]));

  const match = (item: MatchInput): MatchResult => {
    const outcome = explain(item);
    const top = outcome.candidates[0];
    const answered = outcome.band !== 'none' && top !== undefined;
    return {
      key: item.key,
      section: item.section,
      question: item.question,
      entryId: answered ? top.entryId : null,
      score: round(outcome.probability),
      band: outcome.band,
      answer: answered ? (answerOf.get(top.entryId) ?? null) : null
    };
  };

  const matchAll = (
    items: readonly MatchInput[],
    onProgress?: (done: number, total: number) => void
  ): MatchResult[] => {
    const every = Math.max(1, Math.ceil(items.length / PROGRESS_STEPS));
    return items.map((item, i) => {
      const result = match(item);
      if (onProgress !== undefined && ((i + 1) % every === 0 || i + 1 === items.length)) {
        onProgress(i + 1, items.length);
      }
      return result;
    });
  };

  return { size: usable.length, excluded, match, matchAll, explain };
}
