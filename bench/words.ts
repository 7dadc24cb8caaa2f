/**
 * Word lists for the synthetic news corpus. They are large enough that headlines rarely repeat
 * and bodies read like plausible (if bland) news copy, so the build does realistic work:
 * slugging, excerpting, paging and rendering varied text rather than one repeated paragraph.
 */

export const sections = ['Politics', 'Business', 'Technology', 'Science', 'Health', 'Sport', 'Culture', 'World'] as const;

export const tags = [
  'elections', 'parliament', 'budget', 'taxes', 'inflation', 'interest rates', 'jobs', 'trade',
  'energy', 'climate', 'transport', 'housing', 'education', 'universities', 'hospitals', 'vaccines',
  'mental health', 'artificial intelligence', 'cybersecurity', 'smartphones', 'social media', 'space',
  'research', 'agriculture', 'water', 'football', 'cricket', 'tennis', 'athletics', 'olympics',
  'film', 'music', 'theatre', 'books', 'art', 'courts', 'policing', 'immigration', 'diplomacy', 'europe',
] as const;

/** Who does things in a sentence, in the plural-or-collective form that takes a past-tense verb. */
export const subjects = [
  'the government', 'ministers', 'the central bank', 'local councils', 'researchers', 'the company',
  'shareholders', 'campaigners', 'the opposition', 'health officials', 'the regulator', 'investors',
  'union leaders', 'the coach', 'the club', 'residents', 'analysts', 'the committee', 'the prime minister',
  'the chief executive', 'the board', 'teachers', 'doctors', 'farmers', 'police', 'the court',
  'the festival organisers', 'the museum', 'engineers', 'the airline', 'the city council', 'MPs',
] as const;

/** Headline subjects: short and capitalised. Singular ones take "-s" on the present-tense verb. */
export const headlineSubjectsPlural = [
  'Ministers', 'Scientists', 'Investors', 'Unions', 'Police', 'Doctors', 'Teachers', 'Farmers',
  'Universities', 'Hospitals', 'MPs', 'Councillors',
] as const;

export const headlineSubjectsSingular = [
  'Council', 'Bank', 'Regulator', 'Club', 'Court', 'Airline', 'Retailer', 'Museum', 'Charity',
  'Start-up', 'Carmaker', 'Insurer', 'Festival', 'Watchdog',
] as const;

export const pastVerbs = [
  'announced', 'rejected', 'welcomed', 'criticised', 'unveiled', 'delayed', 'approved', 'questioned',
  'defended', 'backed', 'scrapped', 'reviewed', 'proposed', 'expanded', 'cut', 'extended', 'challenged',
  'launched', 'postponed', 'confirmed',
] as const;

export const presentVerbs = [
  'announce', 'reject', 'welcome', 'criticise', 'unveil', 'delay', 'approve', 'question', 'defend',
  'back', 'scrap', 'review', 'propose', 'expand', 'cut', 'extend', 'challenge', 'launch', 'postpone',
] as const;

export const adjectives = [
  'new', 'controversial', 'long-awaited', 'ambitious', 'modest', 'sweeping', 'temporary', 'national',
  'regional', 'digital', 'annual', 'fresh', 'revised', 'emergency', 'multi-year', 'cross-party',
  'landmark', 'pilot', 'voluntary', 'mandatory',
] as const;

export const nouns = [
  'plan', 'budget', 'proposal', 'deal', 'strategy', 'investment', 'tax', 'policy', 'scheme', 'report',
  'inquiry', 'merger', 'contract', 'reform', 'programme', 'ban', 'target', 'forecast', 'review',
  'agreement', 'fund', 'partnership', 'trial', 'rule change',
] as const;

export const domains = [
  'schools', 'hospitals', 'rail services', 'small businesses', 'housing', 'renewable energy', 'broadband',
  'farmers', 'pensions', 'the steel industry', 'public transport', 'youth football', 'care homes',
  'coastal towns', 'cyclists', 'local libraries', 'the film industry', 'electric cars', 'water supplies',
  'first-time buyers', 'apprenticeships', 'cancer research', 'the high street', 'grassroots sport',
] as const;

export const times = [
  'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'at the weekend', 'last week',
  'earlier this year', 'last month', 'this morning', 'late on Sunday', 'after months of talks',
  'for the first time in a decade', 'ahead of next year',
] as const;

export const places = [
  'London', 'Manchester', 'Glasgow', 'Cardiff', 'Belfast', 'Leeds', 'Bristol', 'Edinburgh', 'Newcastle',
  'Liverpool', 'Birmingham', 'Sheffield', 'Brussels', 'Paris', 'Berlin', 'Dublin', 'New York', 'Tokyo',
  'Nairobi', 'Sydney', 'Toronto', 'Madrid', 'Rome', 'Warsaw',
] as const;

export const firstNames = [
  'Sarah', 'James', 'Amira', 'Daniel', 'Priya', 'Tom', 'Grace', 'Oliver', 'Fatima', 'Liam', 'Chloe',
  'Rhys', 'Hannah', 'Kwame', 'Sofia', 'David', 'Aisha', 'Mark', 'Eilidh', 'Joseph',
] as const;

export const surnames = [
  'Mitchell', 'Patel', 'Okafor', 'Hughes', 'Campbell', 'Nguyen', 'Walsh', 'Reid', 'Kowalski', 'Evans',
  'Thompson', 'Ahmed', 'MacLeod', 'Brennan', 'Clarke', 'Osei', 'Morgan', 'Fraser', 'Khan', 'Lewis',
] as const;

export const roles = [
  'a spokesperson for', 'the head of', 'a senior economist at', 'the director of', 'a researcher at',
  'the chair of', 'a policy adviser at', 'the general secretary of',
] as const;

export const organisations = [
  'the trade association', 'the national statistics office', 'the city council', 'the hospital trust',
  'the think tank', 'the consumer group', 'the teachers’ union', 'the chamber of commerce',
  'the environmental charity', 'the sports federation', 'the arts council', 'the transport authority',
] as const;

export const judgements = [
  'a significant step forward', 'a missed opportunity', 'a welcome change', 'deeply disappointing',
  'long overdue', 'a good start, but not enough', 'the right decision', 'a serious mistake',
  'an important moment', 'far too little, far too late',
] as const;

export const consequences = [
  'prices could rise further', 'hundreds of jobs may be at risk', 'waiting times are expected to fall',
  'the scheme will be reviewed within a year', 'more funding will be needed', 'the changes will take time',
  'other regions are likely to follow', 'the figures remain uncertain', 'demand has outstripped supply',
  'the decision could be challenged in court',
] as const;

export const connectives = [
  'However,', 'Meanwhile,', 'In a statement,', 'Separately,', 'At the same time,', 'Earlier,',
  'Critics say that', 'Supporters argue that', 'Officials said that', 'It is understood that',
] as const;
