package extract

import (
	_ "embed"
	"strings"
)

// commonWords is commonwords.txt: lower-case words that mixed-case cables
// write in lower case mid-sentence at least a quarter of the times they use
// them (and at least twice), counted over the shared corpus by
// TestGenCommonWords. A capitalised run made of such words ("Animal
// Husbandry", "Nuclear Physics", "Phone Calls") is a phrase, not a name,
// unless a stronger cue than capitals says otherwise.
//
//go:embed commonwords.txt
var commonWords string

// lexicon holds the word lists the person rules need. They are facts about
// cable English, written here, built once in New and never changed.
type lexicon struct {
	titles     map[string]string // lower-case title phrase -> role as shown
	usTitles   map[string]bool   // roles that, untied, mean a US official
	usTie      map[string]bool   // the usTitles that alone tie a named person to the US
	hostTitles map[string]bool   // roles that, untied, mean a host-government official
	given      map[string]bool   // common given names (lower case, NameKey-free)
	notName    map[string]bool   // lower-case words that are never a person's name
	notNameS   map[string]bool   // notName words, also with a plural s: one lookup for w or w minus "s"
	notNameSD  map[string]bool   // notNameS, also with a period: one lookup for w, w minus "s" or w minus "."
	nameParts  map[string]bool   // lower-case particles inside names: "bin", "al", "van", "de"
	placePre   map[string]bool   // lower-case first words of place names: "los", "san", "casa"
	common     map[string]bool   // lower-case common English words (commonwords.txt)
	maxTitle   int               // longest title in words
}

// titleList pairs title phrases (as they are written in cables) with the
// role recorded on the person. The phrase is matched case-insensitively.
var titleList = [][2]string{
	{"president", "President"}, {"vice president", "Vice President"}, {"prime minister", "Prime Minister"},
	{"pm", "Prime Minister"}, {"deputy prime minister", "Deputy Prime Minister"}, {"dpm", "Deputy Prime Minister"},
	{"foreign minister", "Foreign Minister"}, {"fm", "Foreign Minister"}, {"deputy foreign minister", "Deputy Foreign Minister"},
	{"dfm", "Deputy Foreign Minister"}, {"defense minister", "Defense Minister"}, {"defence minister", "Defense Minister"},
	{"interior minister", "Interior Minister"}, {"finance minister", "Finance Minister"}, {"justice minister", "Justice Minister"},
	{"energy minister", "Energy Minister"}, {"economy minister", "Economy Minister"}, {"trade minister", "Trade Minister"},
	{"minister", "Minister"}, {"deputy minister", "Deputy Minister"}, {"state secretary", "State Secretary"},
	{"ambassador", "Ambassador"}, {"amb", "Ambassador"}, {"amb.", "Ambassador"}, {"ambassador-designate", "Ambassador"},
	{"charge", "Charge d'Affaires"}, {"charge d'affaires", "Charge d'Affaires"}, {"dcm", "Deputy Chief of Mission"},
	{"special envoy", "Special Envoy"}, {"envoy", "Envoy"}, {"special representative", "Special Representative"},
	{"secretary", "Secretary"}, {"secretary of state", "Secretary of State"}, {"deputy secretary", "Deputy Secretary"},
	{"under secretary", "Under Secretary"}, {"u/s", "Under Secretary"}, {"assistant secretary", "Assistant Secretary"},
	{"a/s", "Assistant Secretary"}, {"das", "Deputy Assistant Secretary"}, {"deputy assistant secretary", "Deputy Assistant Secretary"},
	{"senator", "Senator"}, {"sen.", "Senator"}, {"congressman", "Congressman"}, {"congresswoman", "Congresswoman"},
	{"rep.", "Representative"}, {"representative", "Representative"}, {"governor", "Governor"}, {"gov.", "Governor"},
	{"mayor", "Mayor"}, {"general", "General"}, {"gen.", "General"}, {"lt. gen.", "General"}, {"maj. gen.", "General"},
	{"gen", "General"}, {"lt gen", "General"}, {"maj gen", "General"}, {"brig gen", "General"}, {"brig. gen.", "General"}, {"secretary general", "Secretary General"}, {"secretary-general", "Secretary General"}, {"admiral", "Admiral"}, {"adm.", "Admiral"}, {"colonel", "Colonel"}, {"col.", "Colonel"}, {"lt. col.", "Colonel"},
	{"major", "Major"}, {"captain", "Captain"}, {"capt.", "Captain"}, {"commander", "Commander"},
	{"mr.", ""}, {"mr", ""}, {"mrs.", ""}, {"ms.", ""}, {"dr.", "Dr."}, {"professor", "Professor"}, {"prof.", "Professor"},
	{"leader", "Leader"}, {"party leader", "Party Leader"}, {"chairman", "Chairman"}, {"chairwoman", "Chairwoman"},
	{"speaker", "Speaker"}, {"deputy", "Deputy"}, {"mp", "Member of Parliament"}, {"parliamentarian", "Member of Parliament"},
	{"director", "Director"}, {"director general", "Director General"}, {"deputy director", "Deputy Director"},
	{"commissioner", "Commissioner"}, {"candidate", "Candidate"}, {"spokesman", "Spokesman"}, {"spokesperson", "Spokesperson"},
	{"spokeswoman", "Spokeswoman"}, {"patriarch", "Patriarch"}, {"bishop", "Bishop"}, {"king", "King"}, {"queen", "Queen"},
	{"prince", "Prince"}, {"crown prince", "Crown Prince"}, {"sheikh", "Sheikh"}, {"shaykh", "Sheikh"}, {"shaikh", "Sheikh"}, {"emir", "Emir"},
	{"counselor", "Counselor"}, {"minister-counselor", "Minister-Counselor"}, {"political minister-counselor", "Political Minister-Counselor"},
	{"polcouns", "Political Counselor"}, {"econcouns", "Economic Counselor"}, {"consul general", "Consul General"},
	{"cg", "Consul General"}, {"consul", "Consul"}, {"advisor", "Advisor"}, {"adviser", "Advisor"}, {"aide", "Aide"},
	{"head", "Head"}, {"chief", "Chief"}, {"chief of staff", "Chief of Staff"}, {"judge", "Judge"}, {"prosecutor", "Prosecutor"},
	{"journalist", "Journalist"}, {"attorney", "Attorney"}, {"lawyer", "Lawyer"}, {"editor", "Editor"}, {"activist", "Activist"}, {"businessman", "Businessman"},
	{"minister of foreign affairs", "Foreign Minister"}, {"minister of defense", "Defense Minister"}, {"minister of defence", "Defense Minister"},
	{"minister of interior", "Interior Minister"}, {"minister of the interior", "Interior Minister"}, {"minister of finance", "Finance Minister"},
	{"minister of justice", "Justice Minister"}, {"foreign secretary", "Foreign Secretary"}, {"external affairs minister", "Foreign Minister"},
	{"ceo", "CEO"}, {"cda", "Charge d'Affaires"}, {"codel", "Congressman"}, {"staffdel", "Congressional Staff"}, {"chief of mission", "Chief of Mission"}, {"com", "Chief of Mission"}, {"pol-mc", "Political Minister-Counselor"}, {"political mc", "Political Minister-Counselor"}, {"minstate", "Minister of State"}, {"minister of state", "Minister of State"}, {"deputy fm", "Deputy Foreign Minister"}, {"formin", "Foreign Minister"}, {"cmsgt", "Sergeant"}, {"bg", "General"}, {"president-elect", "President-elect"}, {"vp", "Vice President"}, {"high commissioner", "High Commissioner"}, {"political counselor", "Political Counselor"}, {"political/economic counselor", "Political/Economic Counselor"}, {"acting political counselor", "Political Counselor"}, {"polchief", "Political Chief"}, {"poloff", "Political Officer"}, {"econoff", "Economic Officer"}, {"dao", "Defense Attache"}, {"founder", "Founder"}, {"coordinator", "Coordinator"}, {"premier", "Premier"}, {"chancellor", "Chancellor"},
	{"undersecretary", "Under Secretary"}, {"vice minister", "Vice Minister"}, {"deputy head", "Deputy Head"},
	{"opposition leader", "Opposition Leader"}, {"presidential candidate", "Presidential Candidate"}, {"pol/c", "Political Counselor"},
	{"attorney general", "Attorney General"}, {"ombudsman", "Ombudsman"}, {"governor-general", "Governor-General"},
	{"lieutenant", "Lieutenant"}, {"sergeant", "Sergeant"}, {"father", "Father"}, {"imam", "Imam"}, {"rabbi", "Rabbi"},
	{"manager", "Manager"}, {"general manager", "General Manager"}, {"ayatollah", "Ayatollah"}, {"mullah", "Mullah"}, {"pope", "Pope"}, {"cardinal", "Cardinal"}, {"archbishop", "Archbishop"},
}

// usRoles are the roles that, with no other tie in the text, mark a US
// official (the embassy's own people and Washington principals).
var usRoles = []string{"Ambassador", "Charge d'Affaires", "Deputy Chief of Mission", "Secretary of State", "Deputy Secretary",
	"Under Secretary", "Assistant Secretary", "Deputy Assistant Secretary", "Senator", "Congressman", "Congresswoman",
	"Political Counselor", "Economic Counselor", "Consul General", "Political Minister-Counselor", "Minister-Counselor", "Counselor", "Chief of Mission", "Political Chief", "Political Officer", "Economic Officer", "Defense Attache", "Political/Economic Counselor", "Congressional Staff"}

// ambiguousUSRoles are usRoles that every country's diplomats and
// ministries hold ("Ambassador Sancho" in San Jose is Spain's ambassador,
// "Under Secretary" is a rank in many ministries): with no other tie they do
// not make a named person American. The cable's own chief of mission still
// gets the US from the Classified By line or the signature.
var ambiguousUSRoles = []string{"Ambassador", "Counselor", "Deputy Secretary", "Under Secretary", "Minister-Counselor",
	"Consul General", "Chief of Mission", "Political Counselor", "Economic Counselor", "Political Minister-Counselor",
	"Political/Economic Counselor"}

// hostRoles are the roles that, untied, mean an official of the host country.
var hostRoles = []string{"President", "Prime Minister", "Deputy Prime Minister", "Foreign Minister", "Deputy Foreign Minister",
	"Defense Minister", "Interior Minister", "Finance Minister", "Justice Minister", "Energy Minister", "Economy Minister",
	"Trade Minister", "Minister", "Deputy Minister", "State Secretary", "Speaker", "Member of Parliament", "Mayor", "Governor",
	"Party Leader", "Opposition Leader", "Premier", "Vice Minister", "Patriarch", "King", "Crown Prince", "Emir"}

// givenNames are common given names across the regions cables report on;
// a given name followed by a capitalised word is a person.
const givenNames = `aaron abdul abdullah abu adam adrian ahmad ahmed akbar alain alan albert aleksandar aleksandr aleksei alexander alexandre
alexei alexey ali alice alicia alex amir ana anatoliy anatoly andrei andrej andres andrew andrey andrzej angela ann anna anne anthony antonio
arkadiy arkady arthur asif aslan barack ben benjamin bernard bill boris boyko bruce carl carla carlos catherine charles chris christian
christopher colin condoleezza cristina dan daniel david dennis dick dimitri dmitri dmitriy dmitry donald dragan dusan edward elena elizabeth
emil eric evgeniy evgeny fatmir frank franz fred friedrich gary george georgi georgiy gerhard gordon grigoriy hamid hans harry hashim hassan
helmut henry hillary hugo ibrahim igor ilham ivan ivo jack jacques james jan jane janez javier jean jeffrey jennifer jim joachim joe johannes
john jon jorge jose joseph juan julia karl kemal kevin khalid kofi kurt laura lee leonid liam lord lyudmila mahmoud marc marco maria marie mark
marko martin martti mary matthew maxim michael michel miguel mikhail mikheil milan milo milorad miroslav mohamed mohammad mohammed muhammad
nancy natalia nicholas nicolas nikola nikolai nikolay oleg olga oliver pablo paul pavel pedro peter petr philip pierre rafael ramzan ricardo
richard robert roger ronald rudolf rustam said salim sam samir sarah sebastian sergei sergey sergio silvio slobodan stefan stephen steve
steven susan tatyana thomas tim tomislav ursula valentina valeriy valery vasiliy vasily vaclav victor viktor vitaliy vitaly vladimir vladislav
vojislav vuk walter william tom jean-pierre jean-marc jean-claude jean-louis pierre-louis vera nitin pranab anand montek shyam madhav manmohan sonia rahul atal lal ram raj sri gerrit jan-peter ban ki-moon hu wen xi li wang zhang yang zhao liu chen kim park lee hamid nouri jalal masoud tariq nawaz asif shaukat pervez benazir recep abdullah ahmet ali-akbar mahmoud akbar mohammad-reza hosni omar gamal amr saad rafik fouad nabih walid michel emile bashar fidel raul evo rafael alvaro ollanta michelle lula nestor dilma felipe vicente enrique cristina tabare fernando julia kevin tony peter malcolm john-paul helen jacob thabo nelson robert morgan joseph jakaya yoweri paul-henri mwai raila goodluck umaru olusegun meles isaias ellen charles-guy yevgeniy yevgeny yuri yuriy yury zoran ramush agim bajram behgjet fatmir hashim jakup skender ibrahim veton
terry brian jerry jesus gerald geoffrey geoffry larry gregory douglas kenneth keith ralph raymond roy russell scott stanley
timothy todd wayne patrick phillip randall randy craig dale dean derek edwin eugene francis glenn harold howard jeffery jeremy
joel jonathan joshua justin kyle lawrence leonard lewis lloyd louis marvin melvin mitchell nathan neil norman patricia philippe
barbara betty beverly brenda carol carolyn cheryl christine cynthia deborah debra denise diana diane donna doris dorothy
emily evelyn frances gloria heather irene janet janice jean joan joyce judith judy julie karen kathleen kathryn kelly kimberly
linda lisa lori louise margaret marilyn martha megan melissa nicole pamela rachel rebecca ruth sandra sharon shirley stephanie
teresa theresa virginia wendy alberto alejandro alfonso alfredo andre angel armando arturo beatriz camila cesar claudia daniela
diego eduardo elias emilio ernesto esteban felix francisco gabriel gerardo gilberto gonzalo guillermo gustavo hector hernan
horacio ignacio jaime joaquin jorge julio leonardo lorenzo luis manuel marcelo mario mauricio nicolas octavio oscar pascual
patricio rafael ramiro raul reinaldo roberto rodolfo rodrigo rolando ruben salvador santiago sergio tomas ulises vicente
alain andre bernard christophe claude didier dominique francois frederic gilles herve jacques jerome laurent luc marcel
olivier pascal patrice philippe remy serge sylvain thierry xavier yves wolfgang jurgen klaus dieter gunter heinz horst uwe
ulrich matthias thomas andreas stefan markus frank-walter guido angela annegret ahmad abdel abdelaziz abdallah abdulaziz
abdulrahman adel adnan ayman aziz bassam fahd faisal farid fawzi hamad hani hussein ismail jamal karim khaled mahmud majid
marwan mustafa nabil nasser omar osama rami riad saeed saleh sami sultan tarek wael yasser yousef yusuf zayed ziad
giuseppe giovanni giorgio luigi massimo francesco roberto paolo gianni romano enrico silvio franco mikhail vladislav
piotr pawel tomasz krzysztof jaroslaw lech donald radoslaw bronislaw mircea traian viktor ferenc laszlo janos gyula
kolinda stjepan ivica jadranka nebojsa bozidar sanda ljajic rasim mladjan dejan goran velimir mirko zeljko zlatko
`

// notNameWords are words that start with a capital in cables but never
// name a person: sentence openers, section words, months, days, function
// words and generic nouns that precede "said" and "told".
const notNameWords = `a an the this that these those there then than he she it they we i you his her its their our my your him them us me
who whom whose which what when where why how all any both each either neither some such no not nor but and or if so as at by for from in into of
on onto to with without within upon about above after again against before below between during over under until while also however although
though because since meanwhile moreover furthermore nevertheless thus therefore instead still yet perhaps only even just further finally first
second third last next other another most many much more several few one two three four five six seven eight nine ten
summary comment end begin note action request reftel ref refs septel classified reason reasons reasons: decl subject tags para paragraph
january february march april may june july august september october november december feb mar apr jun jul aug sep sept oct nov dec
ramadan eid muharram permrep permreps usun usnato useu usoecd bedouin bedouins
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
government governments ministry ministries embassy embassies mission consulate post department state office officials official sources source
contacts contact interlocutor interlocutors observers analysts diplomats diplomat leaders leader leadership people public press media report reports
according speech despite regarding concerning following given based said told says say noted stressed added asked urged warned claimed explained agreed
emboff emboffs poloff poloffs econoff econoffs polchief econchief pol econ dcm charge ambassador amb usg pao
western eastern northern southern central national international federal regional local republic kingdom union council assembly parliament
party parties court commission committee agency bank company group forces force army police security service services
north south east west middle balkans caucasus europe asia africa america americas pacific atlantic mediterranean baltic gulf region
president minister secretary deputy director chairman general special envoy prime foreign
sipdis noforn nodis exdis limdis unclassified confidential secret sensitive but unclas
he's she's it's they're we're
affairs justice commerce works development finance industry housing economy defense defence interior health education agriculture
culture trade energy environment transport planning immigration canal information labor labour tourism sports youth science
technology communications operations operation division center centre staff rights authority authorities crime crimes
communist socialist democratic liberal conservative popular radical republican progressive islamic christian catholic orthodox
right left page retreat aside needs need had has have having was were is are be been being do does did done will would shall
should can could may might must think thinks wish wishes search slot years year months month weeks week days day time times
chair house delegation delegations codel staffdel connection expulsions saying played called returned considering inquired
earlier humiliated described replied assured welcomed involved spoke told asked made make makes took take takes gave give gives
new old good bad high low great large small long short full real true false major minor key main senior junior former current
acting interim chief top vice under assistant executive permanent general deputies members member mr mrs ms dr sir madam
please thank thanks regards sincerely dear honorable excellency text begin end cable message septel reftel telegram email
airport hotel museum palace hall building street road square city town village province district county capital border
military civil civilian public private foreign domestic internal external bilateral multilateral joint common
committee council court tribunal office bureau agency institute university school college academy foundation association
church mosque temple club network press journal newspaper television radio times post news daily
north northern south southern east eastern west western central upper lower greater
air airlines airways airport petroleum oil gas basin brigade brigades wing hotel hilton marriott sheraton company companies
corporation corp inc ltd holding holdings industries fund trust partners enterprises motors energy power electric telecom
river lake mountain mountains valley island islands sea ocean bay coast desert gate station base camp prison hospital
front movement alliance coalition union league federation congress army navy guard guards corps command unit units team
task initiative program programme project plan strategy treaty accord agreement convention protocol declaration resolution
summit conference forum dialogue talks process group bank exchange market index festival cup games award prize
party parties media newspaper magazine channel agency service services forces force police intelligence
law laws policy policies war wars act acts reform reforms control urban rural officer officers persons person people muslims
christians jews arabs kurds sunni sunnis shia shiite shiites catholics citizens workers women children youth students
nacion nacional monde times herald tribune post globe journal folha estado clarin pais mundo gazette
pradesh gerais grosso mato minas sul rio grande royal familia trabalhadores partido frente movimiento
freedom peace justice democracy security development growth support relations cooperation affairs issue issues
crisis elections election vote votes campaign budget tax taxes reserve reserves week report reports study
political economic social cultural nadu tamil andhra uttar costa leon helena extraordinary plenipotentiary designate emeritus
brotherhood change code codes peninsula board boards research resources review chamber chambers property area areas treasury
secretariat attache zone zones weapons weapon port participants participant fatherland world country countries system systems stream
society societies line lines account accounts value values paper papers fleet qaida publica republica directorate directorates dems
substances substance shura materials material heights date dates secdef safety ministerial legatt polmiloff governorate governorates
concept highway drugs drug islam muslim muslims arab european visit visits administration atomic missile missiles level levels
exports export imports import liaison almanac observer observers commentators commentator ltda ltd gmbh llc plc minimize considered
list lists manager managers institute institutes secretary-general ministry-level committee-level spokesman spokesmen cooperative ventures
`

// placePrefixes start multiword place names ("Los Angeles", "Casa Rosada",
// "Sao Paulo", "Costa Rica", "El Paso"); a capitalised pair that starts
// with one is a place, not a person.
const placePrefixes = `los las la el san santa santo sao são casa costa puerto porto port fort camp mount mt. st. saint lake cape rio nueva nuevo new`

// nameParticles are lower-case words that may sit inside a name.
const nameParticles = `bin ibn al el van von de der den la le du da di dos das abu bint del della ter ten y`

func newLexicon() *lexicon {
	lx := &lexicon{
		titles: map[string]string{}, usTitles: map[string]bool{}, usTie: map[string]bool{}, hostTitles: map[string]bool{},
		given: map[string]bool{}, notName: map[string]bool{}, notNameS: map[string]bool{}, notNameSD: map[string]bool{}, nameParts: map[string]bool{}, placePre: map[string]bool{},
		common: map[string]bool{},
	}
	for _, w := range strings.Fields(commonWords) {
		lx.common[w] = true
	}
	for _, t := range titleList {
		lx.titles[t[0]] = t[1]
		if n := len(strings.Fields(t[0])); n > lx.maxTitle {
			lx.maxTitle = n
		}
	}
	for _, r := range usRoles {
		lx.usTitles[r] = true
		lx.usTie[r] = true
	}
	for _, r := range ambiguousUSRoles {
		delete(lx.usTie, r)
	}
	for _, r := range hostRoles {
		lx.hostTitles[r] = true
	}
	for _, w := range strings.Fields(givenNames) {
		lx.given[w] = true
	}
	for _, w := range strings.Fields(notNameWords) {
		lx.notName[w] = true
		lx.notNameS[w], lx.notNameS[w+"s"] = true, true
		lx.notNameSD[w], lx.notNameSD[w+"s"], lx.notNameSD[w+"."] = true, true, true
	}
	for _, w := range strings.Fields(placePrefixes) {
		lx.placePre[w] = true
	}
	for _, w := range strings.Fields(nameParticles) {
		lx.nameParts[w] = true
	}
	return lx
}
