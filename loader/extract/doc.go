// Package extract turns a parsed cable into the entities and links the
// knowledge graph is made of: tag meanings, persons, countries,
// organizations and typed person-to-person interactions, each interaction
// carrying the sentence that proves it.
//
// Why rules and not a statistical NER: cables are ALL-CAPS in places, full
// of acronyms (GOR, MFA, KFOR) that generic taggers take for persons, and
// name people by surname and title ("FM Lavrov"). Cable-aware rules backed by
// built-in tables (package tables) are precise, explainable (every person
// keeps the rules that found it in How) and fast, and they run offline.
//
// # Person rules
//
// A person is found by: the Classified By line ("classifiedBy"), the
// signature ("signature"), person TAGS ("tag"), a title before a name
// ("Serbian FM Jeremic", "title+name"), a known given name before a
// capitalised word ("Alexander Botsan-Kharchenko", "given+name"), a name
// before a speech or meeting verb or after "told"/"met with"/"between"
// ("verb"), and, once found, every other mention of the same surname in the
// cable ("surname"). With the optional gazetteer, a capitalised word standing
// alone that the Phoenix actor dictionaries know as a surname ("actor") and
// their given names before a capitalised word are persons too. A table of
// common English words (commonwords.txt, counted from how the corpus writes
// them) keeps capitalised phrases ("Animal Husbandry") and, in ALL-CAPS
// cables, ordinary words out of names. Words from the tables (places, demonyms, organizations,
// tags, host-government abbreviations), titles, section words and
// redactions are never names. Within a cable one surname is one person,
// named by its fullest form.
//
// Junk guards, found by listing persons over the whole shared corpus: plural
// acronyms (MPs, NGOs, FMs) and a stop-list of English words that are never
// surnames (Board, Code, Brotherhood ...) are never name words; a person found
// only by the weak rules ("name", "verb") is dropped when the same cable
// writes the surname in lower case mid-sentence (a common word there); a
// capitalised pair starting with a place prefix (Los, San, Casa) is a place;
// a one-word name followed by a title or a never-a-name capitalised word is an
// adjective ("Presidential Chief of Staff", "General Penal Code"); trailer
// words before a signature (MINIMIZE CONSIDERED) are not part of it;
// words between dash rules are a heading; a hyphen compound with a common
// word ("Follow-up", "Chairman-in-Office") is never a name word; a title's
// "for"/"of" complement takes at least one word.
//
// # Person keys (cross-cable identity)
//
// Key = NameKey(surname) + "|" + country when the text ties the person to
// a country: a demonym or country before the title ("Serbian FM Jeremic"
// -> jeremic|SR), or the US for the header people (Classified By,
// signature) and for unambiguous US roles (A/S, Senator, DCM ...); roles every
// country has (Ambassador, Counselor, Under Secretary) tie no country alone. Otherwise the
// key is NameKey(surname) alone: a guess from the origin post would put
// "President Obama" in a Moscow cable under Russia. NameKey folds diacritics
// and transliterations, so "Tadić"/"TADIC" and "Sergei"/"Sergey" agree,
// while a Serbian and a Russian Nikolic stay apart when the text says so.
// The rule is deterministic per cable; ResolveKeys folds a bare key into
// its one qualified variant across a corpus ("putin" -> "putin|RS"),
// except a mention whose given name differs from every given name of that
// variant (Terry Davis stays apart from Ben Davis), and a shared given name
// picks the variant when the counts alone would not.
//
// # Interactions
//
// Within a sentence, two persons joined by a verb give met, told,
// discussed, phoned, wrote or negotiated; a person and "the Ambassador",
// "the Charge", "us" or an embassy officer give an interaction with the
// post ("post:Embassy Moscow") unless the cable names who the Ambassador is.
// "him"/"her" right after a meeting or speech verb stands for the one
// other person of the sentence, else of the paragraph's previous sentence,
// and is left alone when two could be meant.
// "He"/"she" opening a sentence before such a verb stands for the one
// person of the previous sentence, and "X said that he met Y" for X.
// "between A and B, C and D" pairs two by two; "met with X and Y" pairs
// the subject with each, never X with Y; "X and Y visited Moscow" is no
// meeting of X with Y; a possessive ("raised Hosny's reaction",
// "Berlusconi's adviser Castellaneta") is not a party.
// Modal and negated forms set Status planned, refused or unconfirmed. Every
// other pair of persons in one paragraph is coMentioned with low
// confidence.
package extract
