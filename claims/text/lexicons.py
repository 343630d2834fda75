"""Word lists the rules use, in Arabic and English.

General news vocabulary only (countries, capitals, well-known bodies, speech
verbs, hedges): nothing here is taken from a particular article. Arabic entries
are written in normalised form (see `normalize.normalize`: bare alef, ي for ى).
"""

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    inc ltd co corp plc dept univ assn bros no nos vol fig figs approx est vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    mt ft ave blvd rd e.g i.e u.s u.k u.n a.m p.m""".split()
)

# Words that open an Arabic clause or sentence; a subheading never starts with one.
AR_PARTICLES = frozenset(
    """و ف في من على الى إلى عن مع لا لم لن قد ما ان إن أن أنه إنه كما لكن ولكن بل ثم او أو
    التي الذي الذين اللتين اللذين هذا هذه ذلك تلك هناك حيث عندما بعد قبل منذ حتى إذا اذا لو
    كان كانت يكون وهو وهي هو هي هم نحن انا أنا""".split()
)
AR_CLAUSE_OPENERS = frozenset(
    """وقال وقالت ويقول وتقول وأضاف وأضافت وأكد وأكدت وأشار وأشارت وذكر وذكرت وفي ومن
    وبعد وقبل وعندما ورغم وبدلا وبدلاً لكن ولكن فقد ففي وكان وكانت""".split()
)
# Verbs that begin a news sentence right after a glued subheading.
AR_HEADING_BREAKERS = frozenset(
    """يقول تقول ويقول وتقول قال قالت وقال وقالت يرى ترى ويرى وترى تعد يعد تعتبر يعتبر
    أعلن أعلنت كشف كشفت أكد أكدت ذكر ذكرت أفاد أفادت""".split()
)

# Splitting a sentence into two claims happens only at these clause openers
# after a comma (or at a semicolon), outside quotations.
# A hedge opening a clause ("، من غير المرجح أن ...") scopes over that clause
# only, so it is split off rather than marking the whole sentence as opinion.
AR_CLAUSE_SPLITTERS = ("لكن", "لكنه", "لكنها", "ولكن", "إلا أن", "إلا أنه", "إلا أنها",
                       "فقد", "ففي", "فهي", "فهو", "بينما", "في حين", "من غير المرجح", "من المرجح",
                       "ويبدو", "يبدو", "وربما", "ربما")
EN_CLAUSE_SPLITTERS = ("but", "while", "whereas", "although", "yet", "it seems", "perhaps", "probably")

# Speech and reporting verbs (normalised Arabic).
AR_SPEECH_VERBS = frozenset(
    """قال قالت يقول تقول وقال وقالت ويقول وتقول فقال فقالت اكد اكدت واكد واكدت يؤكد تؤكد
    اضاف اضافت واضاف واضافت اعلن اعلنت واعلن واعلنت يعلن صرح صرحت وصرح وصرحت اوضح اوضحت
    واوضح واوضحت اشار اشارت واشار واشارت يشير تشير ذكر ذكرت وذكر وذكرت افاد افادت وافاد
    وافادت كشف كشفت وكشف وكشفت نفى نفت ونفى ونفت زعم زعمت اعتبر اعتبرت تابع تابعت تساءل
    شدد شددت وشدد وشددت قائلا قائلة مضيفا مضيفة مؤكدا مؤكدة معتبرا وصف وصفت ووصف ووصفت واصفا
    وصفه وصفها تصريح تصريحات تصريحاته تصريحاتها تاكيده تاكيدها اعلانه اعلانها بيان
    نقل نقلت ونقل ونقلت قوله قولها""".split()
)
# Nouns that report what someone said or demanded ("دعوات من X", "calls by X").
AR_REPORTING_NOUNS = frozenset("""دعوات دعوة مطالبات مطالبة تهديدات تهديد اتهامات اتهام وعود وعد تعهد
    تعهدات انتقادات تحذيرات تحذير تصريح تصريحات""".split())
EN_REPORTING_NOUNS = frozenset("""calls demands threats accusations promises pledges pledge warnings warning
    remarks statement statements claims""".split())
AR_SPEECH_PARTICIPLES = frozenset("قائلا قائلة مضيفا مضيفة مؤكدا مؤكدة معتبرا معتبرة موضحا موضحة".split())
EN_SPEECH_VERBS = frozenset(
    """said says say told tells announced announces claimed claims stated states added
    argued argues insisted insists warned warns noted notes explained explains declared
    declares wrote writes reported reports denied denies confirmed confirms asserted
    asserts according""".split()
)

AR_SOURCE_MARKERS = ("بحسب", "حسب", "وبحسب", "وحسب", "وفقا ل", "ووفقا ل", "نقلا عن", "ونقلا عن",
                     "طبقا ل", "استنادا الى")
# Hedges, opinion and prediction markers score a sentence down.
AR_HEDGES = (
    "يبدو", "ويبدو", "ربما", "لعل", "من المرجح", "من غير المرجح", "من المحتمل", "من الممكن",
    "قد يكون", "قد تكون", "اعتقد", "نعتقد", "يعتقد", "تعتقد", "يرى البعض", "يرى مراقبون",
    "يرى محللون", "يرى خبراء", "يرى كثيرون", "يرى اخرون", "يرى المراقبون", "يرى المحللون", "يرجح محللون",
    "كثير من المراقبين", "بعض المراقبين", "في رايي", "برايي", "يجب", "ينبغي", "لا بد",
    "من الواضح", "يبدو ان", "على ما يبدو", "لا شك", "بلا شك", "احتمال", "يتوقع", "نتوقع", "سوف",
)
# Nouns and names that begin with سي/ست/سن, which a future verb also does.
AR_SIN_NOUNS = tuple("""سياسة سياسات سياسي سياسية السياسة سيارة سيارات سيطرة سيطرتها سنوات سنة سنوية سنوي
    ستة ستين ستون سيدة سيد سينما ستريت سيناء سيناريو سيناريوهات سياق سيول ستار ستالين سيئول سيبيريا
    سيول سيادة سيادي سيادية سيطر سيرة سيرغي سيرجي سيف سيناتور سنغافورة ستوكهولم سنترال ستاد سنتيمتر
    سنت سنتات سيولة سياحة سياحي سياحية سياج سيمفونية سيميائية""".split())
AR_EVALUATIVE = (
    "تبرز", "يبرز", "تعكس", "يعكس", "جيدة", "جيد", "سيئ", "سيئة", "رائع", "رائعة", "فظيع", "مؤسف", "للاسف",
    "كارثي", "كارثية", "مخيب", "مخيبة", "ممتاز", "ممتازة", "افضل", "اسوا", "ضروري", "مهم جدا", "عظيم",
)
EN_HEDGES = (
    "i think", "i believe", "we believe", "i feel", "in my view", "in my opinion", "seems", "seem to",
    "appears to", "might", "may be", "could be", "perhaps", "probably", "likely", "unlikely",
    "should", "ought to", "must", "many observers", "some say", "some believe", "arguably",
    "i hope", "we hope", "we need", "we must", "we will", "we're going to", "i'm going to", "i will",
    "going to", "want to", "wonderful", "terrible", "great", "disaster", "believe",
)
EN_EVALUATIVE = ("highlights", "underscores", "reflects", "nature of", "disappointment", "clearly",
                 "obviously", "of course", "best", "worst", "amazing", "horrible")

AR_TREATY = ("اتفاقية", "اتفاق", "معاهدة", "صفقة", "صفقات", "شراكة", "تحالف", "مذكرة تفاهم",
             "اتفاقيات", "معاهدات", "حلف")
EN_TREATY = ("treaty", "agreement", "deal", "accord", "pact", "partnership", "alliance", "contract",
             "memorandum", "sanctions")
AR_CAUSAL = ("بسبب", "يعود الى", "تعود الى", "يرجع الى", "ترجع الى", "ادى", "ادت", "نتيجة", "ادى الى", "ادت الى", "دفعت", "دفع", "تسبب", "تسببت", "لان", "بفضل",
             "مما ادى", "جراء")
EN_CAUSAL = ("because", "caused", "causes", "led to", "leads to", "due to", "as a result", "resulted in",
             "result of", "thanks to", "therefore")
AR_COMPARISON = ("اكثر من", "اقل من", "اكبر", "اصغر", "اعلى", "ادنى", "مقارنة", "ضعف", "نحو", "حوالي",
                 "قرابة", "اول", "الوحيد", "الوحيدة", "اسرع", "ارتفع", "انخفض", "تراجع", "زاد", "زيادة")
EN_COMPARISON = ("more than", "less than", "fewer than", "higher", "lower", "largest", "biggest", "smallest",
                 "compared", "twice", "double", "half", "first", "only", "increase", "decrease", "rose",
                 "fell", "doubled", "tripled", "record", "most", "least")
# Nouns and verbs of measurable quantities (prices, rates, budgets) and their change.
AR_MEASURES = ("اسعار", "سعر", "معدل", "معدلات", "نسبة", "البطالة", "التضخم", "الناتج المحلي", "الميزانية",
               "العجز", "الضرائب", "الصادرات", "الواردات", "الانتاج", "ترفع", "يرفع", "رفع", "ارتفاع",
               "انخفاض", "تخفض", "يخفض", "خفض", "تراجع", "ارتفع", "انخفض", "ارتفعت", "انخفضت")
EN_MEASURES = ("price", "prices", "rate", "rates", "unemployment", "inflation", "gdp", "budget", "deficit",
               "debt", "taxes", "tax", "exports", "imports", "production", "wages", "jobs", "raises",
               "raised", "cut", "cuts", "increased", "decreased", "grew", "fell", "rose", "dropped")
AR_QUANTITY_WORDS = ("الف", "الاف", "الآف", "مليون", "ملايين", "مليار", "مليارات", "بالمئة", "بالمائة",
                     "في المئة", "في المائة", "عشرات", "مئات", "نصف", "ثلث", "ربع", "دولار", "يورو",
                     "كيلومتر", "طن", "عقد", "عقود")
EN_QUANTITY_WORDS = ("thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
                     "percent", "per cent", "dozens", "hundreds", "half", "third", "quarter", "dollars",
                     "decade", "decades", "twice", "doubled")
AR_NUMBER_WORDS = ("واحد", "اثنان", "اثنين", "ثلاث", "ثلاثة", "اربع", "اربعة", "خمس", "خمسة", "ست", "ستة",
                   "سبع", "سبعة", "ثمان", "ثمانية", "تسع", "تسعة", "عشر", "عشرة", "عشرين", "ثلاثين",
                   "اربعين", "خمسين", "مئة", "مائة")
EN_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                   "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "dozen")

AR_MONTHS = ("يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر",
             "نوفمبر", "ديسمبر", "كانون الثاني", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب",
             "ايلول", "تشرين الاول", "تشرين الثاني", "كانون الاول")
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الاحد")
AR_RELATIVE_DATES = ("الاسبوع الماضي", "الشهر الماضي", "العام الماضي", "السنة الماضية", "امس", "اليوم",
                     "الاسبوع المقبل", "الشهر المقبل", "العام المقبل", "مطلع العام", "بداية العام",
                     "نهاية العام", "منتصف العام")
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
             "sept", "oct", "nov", "dec")
EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EN_RELATIVE_DATES = ("last week", "last month", "last year", "yesterday", "today", "next week",
                     "next month", "next year", "this week", "this year", "earlier this year")

# Places: countries, capitals and large regions (normalised Arabic).
AR_PLACES = frozenset(
    """روسيا ايران سوريا العراق لبنان الاردن مصر السعودية الامارات قطر الكويت البحرين عمان اليمن
    ليبيا تونس الجزائر المغرب موريتانيا السودان فلسطين اسرائيل تركيا اوكرانيا ارمينيا اذربيجان
    جورجيا الصين اليابان الهند باكستان افغانستان كوريا فرنسا المانيا بريطانيا ايطاليا اسبانيا
    بولندا اميركا امريكا كندا المكسيك البرازيل الارجنتين استراليا بيلاروسيا كازاخستان اثيوبيا
    الصومال نيجيريا فنزويلا كوبا اليونان هولندا بلجيكا السويد النرويج فنلندا الدنمارك سويسرا النمسا
    المجر رومانيا صربيا البوسنة قبرص غزة الضفة القدس موسكو طهران دمشق بغداد بيروت عمان القاهرة
    الرياض ابوظبي دبي الدوحة انقرة اسطنبول كييف واشنطن نيويورك لندن باريس برلين بكين طوكيو نيودلهي
    اسلام اباد كابول صنعاء طرابلس الخرطوم الجزائر الرباط تونس حلب حمص ادلب الموصل البصرة الخليل
    نابلس رفح خانيونس يريفان باكو تبليسي مينسك روما مدريد وارسو اوروبا افريقيا اسيا الشرق الاوسط
    الخليج القرم دونباس دونيتسك لوغانسك خاركيف اوديسا الجولان سيناء كردستان""".split()
)
AR_MULTIWORD_PLACES = (
    "الولايات المتحدة", "المملكة المتحدة", "كوريا الشمالية", "كوريا الجنوبية", "الشرق الاوسط",
    "جنوب افريقيا", "ناغورني قرة باغ", "قره باغ", "قرة باغ", "البحر الاسود", "البحر الاحمر",
    "البحر المتوسط", "الضفة الغربية", "قطاع غزة", "اسلام اباد", "سان بطرسبورغ", "الاتحاد السوفيتي",
    "الاتحاد السوفياتي",
)
AR_ORGANIZATIONS = (
    "الكرملين", "البيت الابيض", "البنتاغون", "الناتو", "حلف شمال الاطلسي", "الامم المتحدة",
    "مجلس الامن", "الاتحاد الاوروبي", "الاتحاد الافريقي", "جامعة الدول العربية", "الجامعة العربية",
    "منظمة الصحة العالمية", "صندوق النقد الدولي", "البنك الدولي", "اوبك", "الوكالة الدولية للطاقة الذرية",
    "الحرس الثوري", "حزب الله", "حماس", "الكونغرس", "مجلس الشيوخ", "مجلس النواب", "الكنيست",
    "وول ستريت جورنال", "نيويورك تايمز", "واشنطن بوست", "رويترز", "فرانس برس", "اسوشيتد برس",
    "بلومبرغ", "الجزيرة", "بي بي سي", "سي ان ان", "الغارديان", "فايننشال تايمز", "الاخوان المسلمين",
    "داعش", "طالبان", "الحوثيين", "مجموعة العشرين", "مجموعة السبع", "بريكس", "منظمة شنغهاي",
)
AR_ORG_HEADS = frozenset(
    """مؤسسة منظمة وزارة جامعة حزب حركة شركة وكالة صحيفة مجلة قناة شبكة مركز معهد هيئة مجلس
    جمعية بنك مصرف اتحاد لجنة محكمة جيش مفوضية برلمان""".split()
)
# Nouns after which the next word or two name a place ("مدينة ستراسبورغ", "العاصمة كانبيرا").
AR_PLACE_HEADS = frozenset(
    """مدينة العاصمة محافظة ولاية اقليم مقاطعة جزيرة ميناء بلدة قرية بحيرة نهر جبل صحراء مطار""".split()
)
# Nouns after which the next word names a weapon or vehicle model ("طائرات رافال", "دبابات ابرامز").
AR_EQUIPMENT_HEADS = frozenset(
    """طراز منظومة منظومات مقاتلات مقاتلة طائرة طائرات دبابة دبابات غواصة غواصات فرقاطة فرقاطات
    مروحية مروحيات صاروخ صواريخ مدرعات مدرعة""".split()
)
# Words after such a head that describe rather than name ("طائرات شحن", "صواريخ بعيدة").
AR_NOT_MODEL_NAMES = frozenset(
    """شحن ركاب نقل بدون مسيرة مسيرات حربية قتالية بعيدة قصيرة متوسطة جديدة حديثة متطورة اضافية
    اخرى عدة عسكرية مدنية تجارية هجومية دفاعية مضادة ذاتية اعتراضية كروز باليستية الية واحدة""".split()
)
# Definite nouns of public bodies that an adjective turns into a name
# ("المفوضية الاوروبية", "الجيش الاسرائيلي", "البنك المركزي المصري").
AR_DEFINITE_ORG_HEADS = frozenset(
    """المفوضية البرلمان الحكومة الجيش الخارجية الداخلية الدفاع البنك المصرف المحكمة الشرطة
    الاستخبارات المخابرات الرئاسة البحرية القوات الكونغرس الوكالة الهيئة المجلس اللجنة""".split()
)
# Adjectives that make such a noun a named body: nationalities and levels of government.
AR_ORG_ADJECTIVES = frozenset(
    """الروسي الروسية الايراني الايرانية الامريكي الامريكية الاميركي الاميركية السوري السورية
    الاسرائيلي الاسرائيلية التركي التركية الصيني الصينية الفرنسي الفرنسية الالماني الالمانية
    البريطاني البريطانية الاوكراني الاوكرانية المصري المصرية السعودي السعودية العراقي العراقية
    اللبناني اللبنانية الاردني الاردنية القطري القطرية الاماراتي الاماراتية الفلسطيني الفلسطينية
    الكويتي الكويتية اليمني اليمنية الليبي الليبية التونسي التونسية الجزائري الجزائرية المغربي
    المغربية السوداني السودانية الياباني اليابانية الهندي الهندية الباكستاني الباكستانية الايطالي
    الايطالية الاسباني الاسبانية الكندي الكندية الاوروبي الاوروبية الافريقي الافريقية العربي العربية
    الخليجي الخليجية الدولي الدولية المركزي المركزية الاتحادي الاتحادية الفيدرالي الفيدرالية
    الوطني الوطنية العليا الاعلى الدستورية""".split()
)
# Well-known people whose family name alone is used in news copy.
AR_PEOPLE = (
    "بوتين", "ترامب", "بايدن", "اوباما", "ماكرون", "شولتس", "ميركل", "نتنياهو", "خامنئي", "روحاني",
    "بزشكيان", "رئيسي", "اردوغان", "زيلينسكي", "لافروف", "بلينكن", "شي جين بينغ", "مودي", "السيسي",
    "الاسد", "بشار الاسد", "ظريف", "عراقجي", "ستارمر", "سوناك", "جونسون", "هاريس", "فانس", "روبيو",
)
# Common first names (Arabic and transliterated) that open a person's name.
AR_FIRST_NAMES = frozenset(
    """محمد احمد علي حسن حسين عمر عثمان خالد عبدالله عبد سعيد سعد يوسف ابراهيم اسماعيل مصطفى
    محمود طارق عادل سامي سمير وليد فيصل فهد سلطان سلمان نايف تركي بشار حافظ ماهر رفيق نبيه
    عباس جواد حسام كريم رامي زياد ناصر جمال كمال هشام ياسر ياسين حمد تميم منصور مريم فاطمة
    عائشة زينب سارة ليلى هدى نور رانيا دونالد جو جوزيف باراك هيلاري كامالا فلاديمير سيرغي
    سيرجي ديمتري دميتري ايمانويل انغيلا اولاف بنيامين يائير ايهود فولوديمير
    رجب جون جيمس روبرت مايكل وليام ديفيد ريتشارد توماس مارك بول بيتر اندرو جورج ستيفن كيفن
    ماريا ماري اليزابيث كاترين كاثرين اليكس الكسندر الكسندر ميخائيل ايغور اندريه فرانسوا
    جان بيير لوران ميشيل انطونيو انتوني كير ريشي بوريس تيريزا ليز جاستن شي
    اورسولا انالينا جوزيب شارل فريدريش ماتيو بيدرو كارلوس خوان خوسيه لويس نيكولا نيكولاس
    سيلفيو مارين ناريندرا شينزو فوميو كيم هيلين كريستين كريستالينا ينس
    كاميلا نانسي تشاك ميتش مايك ريكس هنري كارل هانز فرانك""".split()
)
AR_PERSON_TITLES = frozenset(
    """الرئيس رئيس الوزير وزير رئيسة الوزيرة وزيرة الملك الامير الشيخ السفير المتحدث المتحدثة
    الجنرال اللواء العميد العقيد المستشار المستشارة الخبير الخبيرة الباحث الباحثة المحلل
    المحللة الدكتور الدكتورة البروفيسور النائب النائبة السيناتور المدير المديرة الزعيم المرشد
    القائد الكاتب الكاتبة الصحفي الصحفية المسؤول المسؤولة السفيرة المندوب نظيره نظيرته
    محافظ المحافظ حاكم الحاكم امين الامين عضو العضو مساعد نائب""".split()
)
AR_NATIONALITIES = frozenset(
    """الروسي الروسية الايراني الايرانية الامريكي الامريكية الاميركي الاميركية السوري السورية
    الاسرائيلي الاسرائيلية التركي التركية الصيني الصينية الفرنسي الفرنسية الالماني الالمانية
    البريطاني البريطانية الاوكراني الاوكرانية المصري المصرية السعودي السعودية العراقي العراقية
    اللبناني اللبنانية الاردني الاردنية القطري القطرية الاماراتي الاماراتية الفلسطيني الفلسطينية
    السابق السابقة الحالي الحالية الاعلى الاسبق الاسبقة المنتخب""".split()
)

EN_PLACES = frozenset(
    """russia iran syria iraq lebanon jordan egypt saudi qatar kuwait bahrain oman yemen libya tunisia
    algeria morocco sudan palestine israel turkey ukraine armenia azerbaijan georgia china japan india
    pakistan afghanistan korea france germany britain england scotland wales ireland italy spain poland
    america canada mexico brazil argentina australia belarus kazakhstan ethiopia somalia nigeria
    venezuela cuba greece netherlands belgium sweden norway finland denmark switzerland austria hungary
    romania serbia cyprus gaza jerusalem moscow tehran damascus baghdad beirut cairo riyadh doha ankara
    istanbul kyiv kiev washington london paris berlin beijing tokyo delhi kabul texas california florida
    ohio michigan pennsylvania iowa arizona nevada georgia virginia carolina york chicago boston europe
    africa asia crimea donbas""".split()
)
EN_MULTIWORD_PLACES = ("united states", "united kingdom", "north korea", "south korea", "middle east",
                       "south africa", "new york", "los angeles", "saudi arabia", "west bank",
                       "gaza strip", "soviet union", "nagorno-karabakh", "united arab emirates")
EN_ORG_WORDS = frozenset(
    """ministry department agency council university college institute foundation party committee
    commission court congress senate house parliament bank corporation corp inc ltd company group
    association union organization organisation fund times post journal news network service
    administration army navy force forces office bureau board authority federation league club
    alliance coalition society trust centre center institution agency commission""".split()
)
# The last word of a multiword place name ("Dodge City", "Red Sea").
EN_PLACE_WORDS = frozenset("""city county river street avenue square island islands province state valley
    mountains mountain sea ocean gulf bay lake strait region district village port airport""".split())
EN_ORGANIZATIONS = frozenset(
    """nato kremlin pentagon un eu who imf opec reuters cnn bbc fbi cia nsa epa irs aclu
    hamas hezbollah taliban isis""".split()
)
EN_PERSON_TITLES = frozenset(
    """president minister secretary senator governor mayor mr mrs ms dr prof general gen
    ambassador spokesman spokeswoman spokesperson chancellor king queen prince sheikh judge
    congressman congresswoman representative rep sen gov adviser advisor expert analyst
    director chairman ceo""".split()
)
EN_STOP_CAPS = frozenset(
    """the a an and but or so if when while in on at of for to from by with as it its this that
    these those there here he she we they i you his her our their my your what why how who which
    however meanwhile yes no not also after before during since because although mr mrs ms dr""".split()
)
