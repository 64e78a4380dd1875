"""Name tables of the blind pair set, written from the author's own knowledge of how these names are spelt.

Each line of a table is one name part: ``latin variants / russian variants / native form / alternative``.
Variants are separated by ``|``; the first is the usual one. The Latin variants are the spellings a wanted
notice uses (passport Latin, English press, the country's own romanisation); the Russian variants are the
spellings a Russian clerk produces by practical transcription (several where clerks disagree: traditional
``Ибрагим`` beside ``Ибрахим``, Soviet-Korean ``Цой`` beside Kontsevich ``Чхве``). The native form is the
name in the country's own script (empty: the country writes it in Latin). The fourth field, used only in
Tajikistan, is the Russian spelling of the pre-2007 ``-ov`` surname of a ``-zoda`` surname.

Nothing here was taken from the project's matcher or its data: the set is meant to be unseen by them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tok:
    latin: tuple[str, ...]
    russian: tuple[str, ...]
    native: str
    alt_russian: str = ""

    @property
    def key(self) -> str:
        return self.latin[0]


def table(text: str) -> list[Tok]:
    toks = []
    for line in text.strip().splitlines():
        parts = [p.strip() for p in line.split(" / ")]
        parts += [""] * (4 - len(parts))
        latin = tuple(parts[0].split("|"))
        toks.append(Tok(latin, tuple(parts[1].split("|")), parts[2] or latin[0], parts[3]))
    return toks


@dataclass(frozen=True)
class Country:
    code: str
    en: str
    ru: str
    script: str  # name of the native script, "" when the wanted notice is always in Latin
    order: str  # western (given first), eastern (surname first, no spaces in native), ca (Central Asia)
    given: list[Tok]
    surname: list[Tok]
    middle: list[Tok]
    fathers: list[Tok]  # Central Asia: fathers' names for the Russian patronymic / Kyrgyz uulu
    surnames_per_person: int = 1
    native_joiner: str = " "


ARABIC_GIVEN = table("""
Mohammed|Muhammad|Mohamed|Mohammad|Mohamad / Мухаммад|Мохаммед|Мухаммед|Мохамед / محمد
Ahmed|Ahmad / Ахмед|Ахмад / أحمد
Ali / Али / علي
Hassan|Hasan / Хасан|Гасан / حسن
Hussein|Hussain|Husayn|Hussien / Хусейн|Хуссейн|Гусейн / حسين
Omar|Umar / Омар|Умар / عمر
Khaled|Khalid / Халед|Халид / خالد
Ibrahim|Ebrahim / Ибрахим|Ибрагим / إبراهيم
Youssef|Yusuf|Yousef / Юсеф|Юсуф / يوسف
Mahmoud|Mahmud / Махмуд / محمود
Mustafa|Mostafa / Мустафа / مصطفى
Abdullah|Abdallah|Abd Allah / Абдулла|Абдалла|Абдаллах / عبد الله
Abd al-Rahman|Abdulrahman|Abdel Rahman|Abdelrahman|Abdurrahman / Абд ар-Рахман|Абдуррахман|Абдель Рахман|Абдулрахман / عبد الرحمن
Abd al-Nasser|Abdel Nasser|Abdulnasser / Абд ан-Насер|Абдель Насер|Абдулнасер / عبد الناصر
Abd al-Aziz|Abdulaziz|Abdel Aziz / Абд аль-Азиз|Абдулазиз|Абдель Азиз / عبد العزيز
Abd al-Karim|Abdulkarim|Abdel Karim / Абд аль-Карим|Абдулкарим|Абдель Карим / عبد الكريم
Nour al-Din|Nureddin|Nour Eddine|Nuraddin / Нур ад-Дин|Нуреддин|Нураддин / نور الدين
Salah al-Din|Salaheddine|Salah Eldin / Салах ад-Дин|Салахуддин|Салах Эддин / صلاح الدين
Saeed|Said|Sa'id / Саид|Саъид / سعيد
Tariq|Tarek / Тарик|Тарек / طارق
Walid|Waleed / Валид / وليد
Firas|Feras / Фирас / فراس
Yasser|Yasir / Ясир|Ясер / ياسر
Haidar|Haider|Hayder / Хайдар|Хайдер / حيدر
Kadhim|Kazem|Kazim / Казим|Кязим|Кадим / كاظم
Abbas / Аббас / عباس
Saleh|Salih / Салех|Салих / صالح
Yahya|Yehia / Яхья|Яхия / يحيى
Nasser|Nasir / Насер|Насир / ناصر
Faisal|Faysal / Фейсал|Файсал / فيصل
Jamal|Gamal / Джамаль|Гамаль / جمال
""")

COUNTRIES: list[Country] = [
    Country(
        "NP",
        "Nepal",
        "Непал",
        "Devanagari",
        "western",
        given=table("""
Ram / Рам / राम
Krishna / Кришна / कृष्ण
Bikash|Bikas / Бикаш|Бикас / बिकाश
Santosh / Сантош / सन्तोष
Dil / Дил|Диль / दिल
Hari / Хари / हरि
Suman / Суман / सुमन
Prakash / Пракаш / प्रकाश
Bishnu / Бишну|Вишну / विष्णु
Gopal / Гопал|Гопаль / गोपाल
Dipak|Deepak / Дипак / दीपक
Sujan / Суджан|Сужан / सुजन
Nabin|Navin / Набин|Навин / नवीन
Bhim / Бхим|Бим / भीम
Padam / Падам / पदम
"""),
        surname=table("""
Thapa / Тхапа|Тапа / थापा
Gurung / Гурунг / गुरुङ
Tamang / Таманг / तामाङ
Magar / Магар / मगर
Rai / Рай|Раи / राई
Limbu / Лимбу / लिम्बु
Sharma / Шарма / शर्मा
Adhikari / Адхикари|Адикари / अधिकारी
Bhandari / Бхандари|Бандари / भण्डारी
Khadka / Кхадка|Хадка / खड्का
Karki / Карки / कार्की
Poudel|Paudel / Паудел|Поудел|Паудель / पौडेल
Shrestha / Шрестха|Шреста / श्रेष्ठ
Chhetri|Kshetri / Чхетри|Кшетри / क्षेत्री
Pun / Пун / पुन
Ghale / Гхале|Гале / घले
"""),
        middle=table("""
Bahadur / Бахадур / बहादुर
Prasad / Прасад / प्रसाद
Kumar / Кумар / कुमार
Raj / Радж / राज
"""),
        fathers=[],
    ),
    Country(
        "IN",
        "India",
        "Индия",
        "Devanagari",
        "western",
        given=table("""
Rajesh / Раджеш / राजेश
Amit / Амит / अमित
Sunil / Сунил|Суниль / सुनील
Vikram / Викрам / विक्रम
Vikas / Викас / विकास
Ravi / Рави / रवि
Sandeep|Sandip / Сандип / संदीप
Anil / Анил|Аниль / अनिल
Manoj / Манодж|Маной / मनोज
Vijay / Виджай|Виджей / विजय
Rohit / Рохит / रोहित
Arjun / Арджун / अर्जुन
Suresh / Суреш / सुरेश
Gurpreet / Гурприт / गुरप्रीत
Harjinder / Харджиндер|Харжиндер / हरजिंदर
"""),
        surname=table("""
Kumar / Кумар / कुमार
Singh / Сингх|Синг / सिंह
Yadav / Ядав / यादव
Chauhan / Чаухан|Чоухан / चौहान
Reddy / Редди / रेड्डी
Nair / Наир|Найр / नायर
Verma / Верма / वर्मा
Pandey / Пандей|Панде / पांडे
Mishra / Мишра / मिश्रा
Chaudhary|Choudhary / Чаудхари|Чоудхари / चौधरी
Tiwari / Тивари / तिवारी
Patel / Патель|Пател / पटेल
Gupta / Гупта / गुप्ता
Dhillon / Диллон|Дхиллон / ढिल्लों
"""),
        middle=table("""
Kumar / Кумар / कुमार
Shankar / Шанкар / शंकर
Prasad / Прасад / प्रसाद
Singh / Сингх / सिंह
"""),
        fathers=[],
    ),
    Country(
        "LK",
        "Sri Lanka",
        "Шри-Ланка",
        "Sinhala",
        "western",
        given=table("""
Nuwan / Нуван|Нуан / නුවන්
Chaminda / Чаминда / චමින්ද
Saman / Саман / සමන්
Pradeep / Прадип|Прадееп / ප්‍රදීප්
Kasun / Касун / කසුන්
Ruwan / Руван|Руан / රුවන්
Lahiru / Лахиру / ලහිරු
Dinesh / Динеш / දිනේෂ්
Tharindu / Таринду|Тхаринду / තරිඳු
Buddhika / Буддхика|Будика / බුද්ධික
Sampath / Сампат|Сампатх / සම්පත්
Chathura / Чатура|Чатхура / චතුර
Asanka / Асанка / අසංක
"""),
        surname=table("""
Kumara / Кумара / කුමාර
Perera / Перера / පෙරේරා
Fernando / Фернандо / ප්‍රනාන්දු
Silva / Сильва|Силва / සිල්වා
Dissanayake / Диссанаяке|Дисанаяке / දිසානායක
Jayasuriya / Джаясурия|Джаясурийя / ජයසූරිය
Wickramasinghe / Викрамасингхе|Викрамасинге / වික්‍රමසිංහ
Rathnayake / Ратнаяке|Ратхнаяке / රත්නායක
Gunawardena|Gunawardana / Гунавардена|Гунавардане / ගුණවර්ධන
Herath / Херат|Хератх / හේරත්
Bandara / Бандара / බණ්ඩාර
Weerasinghe / Вирасингхе|Веерасингхе / වීරසිංහ
Rajapaksa|Rajapakse / Раджапакса|Раджапаксе / රාජපක්ෂ
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "LK",
        "Sri Lanka",
        "Шри-Ланка",
        "Tamil",
        "western",
        given=table("""
Murugan / Муруган / முருகன்
Sivakumar / Сивакумар|Шивакумар / சிவகுமார்
Rajendran / Раджендран / ராஜேந்திரன்
Vigneswaran / Вигнесваран|Вигнешваран / விக்னேஸ்வரன்
Suthakaran|Sudhakaran / Судхакаран|Сутакаран / சுதாகரன்
Ganesh / Ганеш / கணேஷ்
Kumaran / Кумаран / குமரன்
Prabhakaran|Pirabakaran / Прабхакаран|Прабакаран / பிரபாகரன்
Ramesh / Рамеш / ரமேஷ்
Suresh / Суреш / சுரேஷ்
Senthil / Сентил|Сентхил / செந்தில்
"""),
        surname=table("""
Kandiah|Kandaiya / Кандия|Кандайя / கந்தையா
Tharmalingam|Dharmalingam / Дхармалингам|Тармалингам / தர்மலிங்கம்
Selvarajah|Selvaraja / Селвараджа|Сельвараджа / செல்வராஜா
Nadarajah|Natarajah / Надараджа|Натараджа / நடராஜா
Subramaniam / Субраманиам|Субраманьям / சுப்பிரமணியம்
Velupillai / Велупиллаи|Велупиллай / வேலுப்பிள்ளை
Shanmugam|Sanmugam / Шанмугам|Санмугам / சண்முகம்
Rasiah|Rasaiah / Расия|Расайя / இராசையா
Thangarajah / Тангараджа|Тхангараджа / தங்கராஜா
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "BD",
        "Bangladesh",
        "Бангладеш",
        "Bengali",
        "western",
        given=table("""
Rafiqul|Rafikul / Рафикул / রফিকুল
Saiful / Сайфул / সাইফুল
Shafiqul|Shafikul / Шафикул / শফিকুল
Mahmudul / Махмудул / মাহমুদুল
Kamrul / Камрул / কামরুল
Mizanur / Мизанур / মিজানুর
Shahidul / Шахидул / শহিদুল
Nazmul / Назмул / নাজমুল
Jahangir / Джахангир / জাহাঙ্গীর
Sohel / Сохел|Сохель / সোহেল
Rubel / Рубел|Рубель / রুবেল
Anwar / Анвар / আনোয়ার
Arif / Ариф / আরিফ
"""),
        surname=table("""
Islam / Ислам / ইসলাম
Hasan|Hassan / Хасан / হাসান
Alam / Алам / আলম
Rahman / Рахман / রহমান
Hossain|Hossen|Hussain / Хоссейн|Хосейн|Хоссен / হোসেন
Haque|Hoque|Huq / Хак|Хок / হক
Mia|Miah / Миа|Мия / মিয়া
Uddin / Уддин / উদ্দিন
Chowdhury / Чоудхури|Чоудхури / চৌধুরী
Sarker|Sarkar / Саркер|Саркар / সরকার
Karim / Карим / করিম
"""),
        middle=table("""
Md.|Mohammad|MD|Mohammed|Muhammad / Мохаммад|Мухаммад|Мохаммед / মোহাম্মদ
"""),
        fathers=[],
    ),
    Country(
        "CU",
        "Cuba",
        "Куба",
        "",
        "western",
        given=table("""
José|Jose / Хосе / José
Yoandri|Yoandry / Йоандри|Иоандри / Yoandri
Yasmani|Yasmany / Ясмани / Yasmani
Yunier / Юньер|Юнье / Yunier
Yoel / Йоэль|Иоэль / Yoel
Yordanis / Йорданис|Иорданис / Yordanis
Osmani|Osmany / Османи / Osmani
Yuniesky / Юниески / Yuniesky
Yuri|Yury / Юрий|Юри / Yuri
Manuel / Мануэль / Manuel
Luis / Луис / Luis
Jorge / Хорхе / Jorge
Miguel / Мигель / Miguel
Alejandro / Алехандро / Alejandro
Rafael / Рафаэль / Rafael
Jesús|Jesus / Хесус / Jesús
"""),
        surname=table("""
Hernández|Hernandez / Эрнандес|Фернандес / Hernández
Ruiz / Руис / Ruiz
García|Garcia / Гарсия|Гарсиа / García
Pérez|Perez / Перес / Pérez
González|Gonzalez / Гонсалес / González
Rodríguez|Rodriguez / Родригес / Rodríguez
Castillo / Кастильо|Кастило / Castillo
Gutiérrez|Gutierrez / Гутьеррес|Гутиеррес / Gutiérrez
Jiménez|Jimenez / Хименес / Jiménez
Núñez|Nunez / Нуньес|Нунес / Núñez
Peña|Pena / Пенья|Пена / Peña
Fuentes / Фуэнтес|Фуентес / Fuentes
Herrera / Эррера|Геррера / Herrera
Guerra / Герра / Guerra
Vázquez|Vazquez / Васкес / Vázquez
Díaz|Diaz / Диас / Díaz
"""),
        middle=[],
        fathers=[],
        surnames_per_person=2,
    ),
    Country(
        "CO",
        "Colombia",
        "Колумбия",
        "",
        "western",
        given=table("""
Jhon|John / Джон|Йон / Jhon
Yeison / Йейсон|Джейсон / Yeison
Wilmer / Вильмер|Уилмер / Wilmer
Edwin / Эдвин / Edwin
Brayan / Брайан|Браян / Brayan
Jhonatan|Jonathan / Джонатан|Йонатан / Jhonatan
Andrés|Andres / Андрес / Andrés
Carlos / Карлос / Carlos
Juan / Хуан / Juan
Javier / Хавьер / Javier
Guillermo / Гильермо / Guillermo
Ángel|Angel / Анхель / Ángel
Fredy|Freddy / Фредди|Фреди / Fredy
"""),
        surname=table("""
Ramírez|Ramirez / Рамирес / Ramírez
Torres / Торрес / Torres
Valencia / Валенсия / Valencia
Zapata / Сапата|Запата / Zapata
Mejía|Mejia / Мехия / Mejía
Ospina / Оспина / Ospina
Londoño|Londono / Лондоньо|Лондоно / Londoño
Muñoz|Munoz / Муньос|Мунос / Muñoz
Quintero / Кинтеро / Quintero
Cárdenas|Cardenas / Карденас / Cárdenas
Rojas / Рохас / Rojas
Giraldo / Хиральдо|Гиральдо / Giraldo
Restrepo / Рестрепо / Restrepo
Gómez|Gomez / Гомес / Gómez
"""),
        middle=[],
        fathers=[],
        surnames_per_person=2,
    ),
    Country(
        "PE",
        "Peru",
        "Перу",
        "",
        "western",
        given=table("""
Juan Carlos / Хуан Карлос / Juan Carlos
Luis Alberto / Луис Альберто / Luis Alberto
Percy / Перси / Percy
Wilber / Вильбер|Уилбер / Wilber
Edgar / Эдгар / Edgar
Julio César|Julio Cesar / Хулио Сесар / Julio César
Pedro / Педро / Pedro
Raúl|Raul / Рауль / Raúl
Hugo / Уго|Хьюго / Hugo
Víctor|Victor / Виктор / Víctor
Eduardo / Эдуардо / Eduardo
Enrique / Энрике / Enrique
"""),
        surname=table("""
Quispe / Киспе / Quispe
Mamani / Мамани / Mamani
Huamán|Huaman / Уаман|Гуаман / Huamán
Condori / Кондори / Condori
Chávez|Chavez / Чавес / Chávez
Vargas / Варгас / Vargas
Flores / Флорес / Flores
Huanca / Уанка|Гуанка / Huanca
Ccori|Qori / Кори / Ccori
Sánchez|Sanchez / Санчес / Sánchez
Ticona / Тикона / Ticona
Apaza / Апаса|Апаза / Apaza
"""),
        middle=[],
        fathers=[],
        surnames_per_person=2,
    ),
    Country(
        "BR",
        "Brazil",
        "Бразилия",
        "",
        "western",
        given=table("""
João|Joao / Жуан|Жоао / João
Lucas / Лукас / Lucas
Gabriel / Габриэл|Габриэль / Gabriel
Rafael / Рафаэл|Рафаэль / Rafael
Thiago|Tiago / Тиагу|Тиаго / Thiago
Felipe / Фелипи|Фелипе / Felipe
Paulo / Паулу|Пауло / Paulo
Marcelo / Марселу|Марсело / Marcelo
Leandro / Леандру|Леандро / Leandro
Antônio|Antonio / Антониу|Антонио / Antônio
Francisco / Франсиску|Франсиско / Francisco
Luiz|Luis / Луис|Луиз / Luiz
Henrique / Энрики|Энрике / Henrique
Guilherme / Гилерми|Гильерме / Guilherme
Rodrigo / Родригу|Родриго / Rodrigo
"""),
        surname=table("""
da Silva|Silva|DA SILVA / да Силва|да Сильва|Силва / da Silva
dos Santos|Santos / дус Сантус|дос Сантос|Сантус / dos Santos
Oliveira / Оливейра / Oliveira
Souza|Sousa / Соуза|Соза / Souza
Pereira / Перейра / Pereira
Rodrigues / Родригис|Родригес / Rodrigues
Ferreira / Феррейра / Ferreira
Carvalho / Карвалью|Карвальо|Карвалио / Carvalho
Ribeiro / Рибейру|Рибейро / Ribeiro
Almeida / Алмейда / Almeida
Gonçalves|Goncalves / Гонсалвис|Гонсалвес / Gonçalves
Nascimento / Насименту|Насименто / Nascimento
Araújo|Araujo / Араужу|Араухо / Araújo
Barbosa / Барбоза|Барбоса / Barbosa
Cavalcanti / Кавалканти / Cavalcanti
"""),
        middle=[],
        fathers=[],
        surnames_per_person=2,
    ),
    Country(
        "SY",
        "Syria",
        "Сирия",
        "Arabic",
        "western",
        given=ARABIC_GIVEN,
        surname=table("""
al-Rashid|Al Rashid|Alrashid|el-Rashid / ар-Рашид|аль-Рашид|Рашид / الرشيد
al-Shami|Al Shami|Alshami|el-Shami / аш-Шами|аль-Шами|Шами / الشامي
al-Halabi|Al Halabi|Alhalabi / аль-Халяби|аль-Халаби|Халаби / الحلبي
al-Khatib|Al Khatib|Alkhatib|el-Khatib / аль-Хатиб|аль-Хатыб|Хатиб / الخطيب
al-Nuaimi|Al Nuaimi|Alnuaimi / ан-Нуайми|аль-Нуайми|Нуайми / النعيمي
Haddad / Хаддад / حداد
Kassab|Qassab / Кассаб|Кассаб / قصاب
Darwish / Дарвиш / درويش
Hamdan / Хамдан / حمدان
Sabbagh|Sabbag / Саббаг|Саббах / صباغ
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "EG",
        "Egypt",
        "Египет",
        "Arabic",
        "western",
        given=ARABIC_GIVEN,
        surname=table("""
el-Masry|al-Masri|Elmasry / аль-Масри|эль-Масри|Масри / المصري
Mansour / Мансур / منصور
Soliman|Suleiman / Солиман|Сулейман / سليمان
Fathy|Fathi / Фатхи|Фати / فتحي
Ragab|Rajab / Рагаб|Раджаб / رجب
Shehata|Shahata / Шехата|Шахата / شحاتة
Hegazy|Higazi|Hijazi / Хегази|Хиджази / حجازي
el-Naggar|al-Najjar / эн-Наггар|ан-Наджжар|аль-Наджар / النجار
Abdel Aziz|Abd al-Aziz|Abdelaziz / Абдель Азиз|Абд аль-Азиз|Абдельазиз / عبد العزيز
el-Sayed|al-Sayyid|Elsayed / эс-Сайед|ас-Сайид|аль-Сайед / السيد
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "IQ",
        "Iraq",
        "Ирак",
        "Arabic",
        "western",
        given=ARABIC_GIVEN,
        surname=table("""
al-Jubouri|Al Jabouri|Aljuboori / аль-Джубури|аль-Джабури|Джубури / الجبوري
al-Dulaimi|Al Dulaimi|Aldulaimi / ад-Дулейми|аль-Дулайми|Дулейми / الدليمي
al-Tikriti|Al Tikriti|Altikriti / ат-Тикрити|аль-Тикрити|Тикрити / التكريتي
al-Saadi|Al Saadi|Alsaadi|as-Saadi / ас-Саади|аль-Саади|Саади / السعدي
al-Zubaidi|Al Zubaydi|Alzubaidi / аз-Зубейди|аль-Зубайди|Зубейди / الزبيدي
al-Amiri|Al Ameri|Alamiri / аль-Амири|аль-Амери|Амири / العامري
al-Hashimi|Al Hashemi|Alhashimi / аль-Хашими|аль-Хашеми|Хашими / الهاشمي
al-Shammari|Al Shammari|Alshammari / аш-Шаммари|аль-Шаммари|Шаммари / الشمري
al-Rubaie|Al Rubaiee / ар-Рубаи|аль-Рубаи|Рубаи / الربيعي
al-Tamimi|Al Tamimi|Altamimi / ат-Тамими|аль-Тамими|Тамими / التميمي
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "YE",
        "Yemen",
        "Йемен",
        "Arabic",
        "western",
        given=ARABIC_GIVEN,
        surname=table("""
al-Houthi|Al Huthi|Alhouthi / аль-Хуси|аль-Хути|Хуси / الحوثي
al-Ahmar|Al Ahmar / аль-Ахмар|Ахмар / الأحمر
al-Awlaki|Al Aulaqi|Alawlaki / аль-Авлаки|аль-Аулаки|Авлаки / العولقي
al-Sanaani|Al Sanani / ас-Санаани|аль-Санани|Санаани / الصنعاني
al-Yafei|Al Yafai|Alyafei / аль-Яфеи|аль-Яфаи|Яфеи / اليافعي
al-Hadrami|Al Hadhrami / аль-Хадрами|Хадрами / الحضرمي
al-Dhahabi|Al Zahabi / аз-Захаби|аль-Захаби|ад-Дахаби / الذهبي
al-Thawr|Al Thour / ас-Саур|аль-Таур|ат-Таур / الثور
Saleh|Salih / Салех|Салих / صالح
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "SO",
        "Somalia",
        "Сомали",
        "Somali",
        "western",
        given=table("""
Mohamed|Mohammed / Мохамед|Мухаммед / Maxamed
Ahmed / Ахмед / Axmed
Abdi / Абди / Cabdi
Ali / Али / Cali
Omar|Umar / Омар|Умар / Cumar
Farah / Фарах / Faarax
Yusuf / Юсуф / Yuusuf
Ismail / Исмаил / Ismaaciil
Abdullahi / Абдуллахи / Cabdullaahi
Hussein / Хусейн|Хусеин / Xuseen
Mohamud / Мохамуд|Махмуд / Maxamuud
Abdirahman / Абдирахман / Cabdiraxmaan
Guled|Guleed / Гулед / Guuleed
"""),
        surname=table("""
Hassan|Hasan / Хасан / Xasan
Warsame / Варсаме / Warsame
Jama / Джама / Jaamac
Nur|Noor / Нур / Nuur
Shire / Шире / Shire
Aden|Adan / Аден|Адан / Aadan
Muse|Musa / Мусе|Муса / Muuse
Hirsi / Хирси / Xirsi
Siad|Siyad / Сиад|Сияд / Siyaad
Dahir / Дахир / Daahir
Egal / Игаль|Эгал / Cigaal
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "KE",
        "Kenya",
        "Кения",
        "",
        "western",
        given=table("""
John / Джон / John
Peter / Питер / Peter
Joseph / Джозеф / Joseph
Brian / Брайан / Brian
Kevin / Кевин / Kevin
Dennis / Деннис|Денис / Dennis
Evans / Эванс / Evans
Collins / Коллинз|Коллинс / Collins
Samuel / Сэмюэл|Самуэль / Samuel
David / Дэвид|Давид / David
Daniel / Дэниел|Даниэль / Daniel
Moses / Мозес|Мозес / Moses
Stephen / Стивен|Стефен / Stephen
"""),
        surname=table("""
Njoroge / Нджороге / Njoroge
Odhiambo / Одиамбо|Одхиамбо / Odhiambo
Mwangi / Мванги / Mwangi
Wafula / Вафула / Wafula
Kariuki / Кариуки / Kariuki
Cheruiyot / Черуйот|Черуийот / Cheruiyot
Omondi / Омонди / Omondi
Onyango / Оньянго|Ониянго / Onyango
Kimani / Кимани / Kimani
Wekesa / Векеса / Wekesa
Kiplagat / Киплагат / Kiplagat
Owino / Овино / Owino
Otieno / Отиено / Otieno
"""),
        middle=table("""
Kamau / Камау / Kamau
Kipchoge / Кипчоге / Kipchoge
Ochieng / Очиенг / Ochieng
Kiprono / Кипроно / Kiprono
Mutua / Мутуа / Mutua
"""),
        fathers=[],
    ),
    Country(
        "GH",
        "Ghana",
        "Гана",
        "",
        "western",
        given=table("""
Kwame / Кваме / Kwame
Kofi / Кофи / Kofi
Kwabena / Квабена / Kwabena
Yaw / Яу|Яв / Yaw
Kojo / Коджо / Kojo
Emmanuel / Эммануэль|Эммануил / Emmanuel
Akwasi|Kwasi / Акваси|Кваси / Akwasi
Kwaku / Кваку / Kwaku
Ebenezer / Эбенезер / Ebenezer
Isaac / Айзек|Исаак / Isaac
Prince / Принс / Prince
Richmond / Ричмонд / Richmond
"""),
        surname=table("""
Mensah / Менса|Менсах / Mensah
Boateng / Боатенг / Boateng
Owusu / Овусу / Owusu
Asante / Асанте / Asante
Appiah / Аппиа|Аппиах / Appiah
Ofori / Офори / Ofori
Agyemang|Agyeman / Агьеманг|Агьеман / Agyemang
Osei / Осеи|Осей / Osei
Acheampong / Ачеампонг|Ачампонг / Acheampong
Darko / Дарко / Darko
Amoah / Амоа|Амоах / Amoah
Opoku / Опоку / Opoku
Adjei / Аджеи|Аджей / Adjei
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "CM",
        "Cameroon",
        "Камерун",
        "",
        "western",
        given=table("""
Jean-Pierre|Jean Pierre / Жан-Пьер|Жан Пьер / Jean-Pierre
Emmanuel / Эмманюэль|Эммануэль / Emmanuel
Hervé|Herve / Эрве / Hervé
Joseph / Жозеф / Joseph
François|Francois / Франсуа / François
Alain / Ален / Alain
Thierry / Тьерри|Тьери / Thierry
Rodrigue / Родриг / Rodrigue
Guillaume / Гийом / Guillaume
Jacques / Жак / Jacques
Étienne|Etienne / Этьен / Étienne
Patrice / Патрис / Patrice
Blaise / Блез / Blaise
Jules / Жюль / Jules
Landry / Ландри / Landry
"""),
        surname=table("""
Mbarga / Мбарга / Mbarga
Nkoulou / Нкулу / Nkoulou
Fotso / Фотсо / Fotso
Ngono / Нгоно / Ngono
Essomba / Эссомба / Essomba
Nguema / Нгема / Nguema
Ndjock / Нджок / Ndjock
Tchakounté|Tchakounte / Чакунте / Tchakounté
Abena / Абена / Abena
Ateba / Атеба / Ateba
Mvondo / Мвондо / Mvondo
Kamga / Камга / Kamga
Fouda / Фуда / Fouda
Onana / Онана / Onana
Tchoupo / Чупо / Tchoupo
"""),
        middle=[],
        fathers=[],
    ),
    Country(
        "TJ",
        "Tajikistan",
        "Таджикистан",
        "Tajik Cyrillic",
        "ca",
        given=table("""
Jamshed|Dzhamshed / Джамшед|Джамшид / Ҷамшед
Farrukh|Farrukh / Фаррух|Фарух / Фаррух
Firdavs / Фирдавс / Фирдавс
Sherzod / Шерзод / Шерзод
Bakhtiyor|Bakhtiyor / Бахтиёр|Бахтиер / Бахтиёр
Daler / Далер / Далер
Umed|Umid / Умед|Умид / Умед
Khurshed|Hurshed / Хуршед|Хуршид / Хуршед
Suhrob|Sukhrob / Сухроб / Суҳроб
Rustam / Рустам / Рустам
Shamsiddin / Шамсиддин|Шамсуддин / Шамсиддин
Nurullo / Нурулло|Нурулла / Нурулло
Ismoil / Исмоил|Исмаил / Исмоил
Saidjon / Саиджон / Саидҷон
"""),
        surname=table("""
Qurbonzoda|Kurbonzoda / Курбонзода / Қурбонзода / Курбонов
Saidzoda / Саидзода / Саидзода / Саидов
Nazarzoda / Назарзода / Назарзода / Назаров
Sharifzoda / Шарифзода / Шарифзода / Шарипов
Gafurzoda|Ghafurzoda / Гафурзода / Ғафурзода / Гафуров
Safarzoda / Сафарзода / Сафарзода / Сафаров
Abdullozoda / Абдуллозода / Абдуллозода / Абдуллоев
Davlatzoda / Давлатзода / Давлатзода / Давлатов
Karimzoda / Каримзода / Каримзода / Каримов
Rahimov|Rakhimov / Рахимов / Раҳимов
Nazarov / Назаров / Назаров
Mahmadov|Makhmadov / Махмадов / Маҳмадов
Rajabov|Radzhabov / Раджабов / Раҷабов
Odinaev / Одинаев / Одинаев
"""),
        middle=[],
        fathers=table("""
Sharif / Шарифович / Шариф
Nazar / Назарович / Назар
Safar / Сафарович / Сафар
Rahim / Рахимович / Раҳим
Karim / Каримович / Карим
Davlat / Давлатович|Довлатович / Давлат
Ghafur / Гафурович / Ғафур
Mahmad / Махмадович / Маҳмад
Abdullo / Абдуллоевич|Абдуллаевич / Абдулло
"""),
    ),
    Country(
        "UZ",
        "Uzbekistan",
        "Узбекистан",
        "Uzbek Latin",
        "ca",
        given=table("""
Jasur / Жасур|Джасур / Jasur
Sherzod / Шерзод / Sherzod
Ulugbek / Улугбек|Улукбек / Ulugʻbek
Doniyor / Дониёр|Данияр / Doniyor
Akmal / Акмал|Акмаль / Akmal
Otabek / Отабек / Otabek
Jakhongir|Djakhongir|Jahongir / Жахонгир|Джахонгир / Jahongir
Bekzod / Бекзод / Bekzod
Shukhrat|Shuhrat / Шухрат / Shuhrat
Dilshod / Дилшод|Дильшод / Dilshod
Azizbek / Азизбек / Azizbek
Sardor / Сардор / Sardor
Khurshid|Xurshid / Хуршид / Xurshid
Elyor / Элёр|Эльёр / Elyor
"""),
        surname=table("""
Toshmatov|Tashmatov / Ташматов|Тошматов / Toshmatov
Kholmatov|Xolmatov / Холматов|Халматов / Xolmatov
Yuldashev|Yoldoshev / Юлдашев|Йулдошев / Yoʻldoshev
Kadirov|Qodirov / Кадыров|Кодиров / Qodirov
Urinbaev|Orinboyev / Уринбаев|Уринбоев / Oʻrinboyev
Normatov / Норматов / Normatov
Ergashev / Эргашев / Ergashev
Khodjaev|Xojayev / Ходжаев|Хужаев / Xoʻjayev
Abdurakhmanov|Abdurahmonov / Абдурахманов|Абдурахмонов / Abdurahmonov
Rakhimov|Rahimov / Рахимов / Rahimov
Saliev|Soliyev / Салиев|Солиев / Soliyev
Mirzaev|Mirzayev / Мирзаев / Mirzayev
Gafurov|Gofurov / Гафуров|Гофуров / Gʻofurov
"""),
        middle=[],
        fathers=table("""
Bahodir / Баходирович|Бахадирович / Bahodir
Ergash / Эргашевич / Ergash
Rustam / Рустамович / Rustam
Abdulla / Абдуллаевич / Abdulla
Olim / Олимович|Алимович / Olim
Tulkin / Тулкинович / Toʻlqin
Shavkat / Шавкатович / Shavkat
Anvar / Анварович / Anvar
"""),
    ),
    Country(
        "KG",
        "Kyrgyzstan",
        "Киргизия",
        "Kyrgyz Cyrillic",
        "ca",
        given=table("""
Azamat / Азамат / Азамат
Nurlan / Нурлан / Нурлан
Erlan / Эрлан / Эрлан
Bakyt / Бакыт / Бакыт
Ulan / Улан / Улан
Kubanychbek / Кубанычбек / Кубанычбек
Mirlan / Мирлан / Мирлан
Adilet / Адилет / Адилет
Bektur / Бектур / Бектур
Ermek / Эрмек / Эрмек
Talant / Талант / Талант
Zhyrgalbek|Jyrgalbek / Жыргалбек / Жыргалбек
Tologon / Тологон|Тологен / Төлөгөн
"""),
        surname=table("""
Usonbaev|Usenbaev / Усенбаев|Усонбаев / Үсөнбаев
Toktogulov / Токтогулов / Токтогулов
Asanov / Асанов / Асанов
Mamytov / Мамытов / Мамытов
Sydykov / Сыдыков / Сыдыков
Zhumabaev|Jumabaev / Жумабаев / Жумабаев
Osmonov / Осмонов|Османов / Осмонов
Abdyldaev / Абдылдаев / Абдылдаев
Kadyrkulov / Кадыркулов / Кадыркулов
Tursunbaev / Турсунбаев / Турсунбаев
"""),
        middle=[],
        fathers=table("""
Nurbek / Нурбекович / Нурбек
Bakyt / Бакытович / Бакыт
Almaz / Алмазович / Алмаз
Asan / Асанович / Асан
Kubat / Кубатович / Кубат
Marat / Маратович / Марат
Zhenish|Jenish / Женишович / Жеңиш
Tilek / Тилекович / Тилек
"""),
    ),
    Country(
        "CN",
        "China",
        "Китай",
        "Han",
        "eastern",
        given=table("""
Wei / Вэй|Вей / 伟
Qiang / Цян / 强
Jie / Цзе / 杰
Fan / Фань|Фан / 帆
Lei / Лэй|Лей / 磊
Yong / Юн / 勇
Jun / Цзюнь|Цзюн / 军
Bin / Бинь|Бин / 斌
Hao / Хао / 浩
Ming / Мин / 明
Peng / Пэн|Пен / 鹏
Tao / Тао / 涛
Xiang / Сян / 翔
Zhiqiang|Zhi Qiang|Zhi-Qiang / Чжицян|Чжи Цян / 志强
Jianguo|Jian Guo|Jian-Guo / Цзяньго|Цзянь Го / 建国
Haitao|Hai-Tao / Хайтао|Хай Тао / 海涛
Xiaoming|Xiao Ming / Сяомин|Сяо Мин / 晓明
Guoqiang|Guo-Qiang / Гоцян|Го Цян / 国强
Yongsheng / Юншэн|Юншен / 永生
Junjie|Jun-Jie / Цзюньцзе|Цзюнь Цзе / 俊杰
Zhiwei|Zhi-Wei / Чживэй|Чжи Вэй / 志伟
"""),
        surname=table("""
Wang / Ван / 王
Li / Ли / 李
Zhang|Chang / Чжан|Джан / 张
Liu / Лю / 刘
Chen / Чэнь|Чен / 陈
Yang / Ян / 杨
Zhao / Чжао / 赵
Huang / Хуан / 黄
Zhou / Чжоу / 周
Wu / У / 吴
Xu / Сюй / 徐
Sun / Сунь|Сун / 孙
Zhu / Чжу / 朱
Guo / Го / 郭
Lin / Линь|Лин / 林
Zheng / Чжэн|Чжен / 郑
Xie / Се / 谢
"""),
        middle=[],
        fathers=[],
        native_joiner="",
    ),
    Country(
        "KP",
        "North Korea",
        "КНДР",
        "Hangul",
        "eastern",
        given=table("""
Chol / Чхоль|Чер / 철
Song Chol|Song-chol / Сон Чхоль|Сончхоль|Сон Чер / 성철
Kwang Hyok|Kwang-hyok / Кван Хёк|Кванхёк / 광혁
Myong Chol|Myong-chol / Мён Чхоль|Мёнчхоль / 명철
Yong Ho|Yong-ho / Ён Хо|Ёнхо / 영호
Il Jun|Il-jun / Иль Чжун|Ильджун|Иль Джун / 일준
Nam Chol / Нам Чхоль|Намчхоль / 남철
Jin Hyok|Jin-hyok / Чин Хёк|Джин Хёк / 진혁
Chun Sik|Chun-sik / Чхун Сик|Чхунсик / 춘식
Hak Su|Hak-su / Хак Су|Хаксу / 학수
Kum Chol / Кым Чхоль|Кымчхоль / 금철
Kyong Il|Kyong-il / Кён Иль|Кёниль / 경일
Tong Hyok / Тон Хёк|Дон Хёк / 동혁
"""),
        surname=table("""
Kim / Ким / 김
Ri|Rhee|Lee / Ли|Ри / 리
Pak|Park / Пак / 박
Choe|Choi / Чхве|Цой / 최
Jong|Chong / Чон|Тен / 정
Kang / Кан / 강
Han / Хан / 한
Jo|Cho / Чо|Тё / 조
Ryu / Рю|Рю / 류
O|Oh / О / 오
Hwang / Хван / 황
Sin|Shin / Син|Шин / 신
Kwon / Квон / 권
Yun / Юн / 윤
"""),
        middle=[],
        fathers=[],
        native_joiner="",
    ),
    Country(
        "KR",
        "South Korea",
        "Республика Корея",
        "Hangul",
        "eastern",
        given=table("""
Min-su|Minsu|Min Su / Мин Су|Минсу / 민수
Jun-ho|Junho|Joon-ho / Чжун Хо|Джун Хо|Чунхо / 준호
Dong-hyun|Donghyun|Dong-hyeon / Дон Хён|Донхён / 동현
Sung-ho|Seong-ho|Sungho / Сон Хо|Сонхо / 성호
Jae-seok|Jae-suk / Чжэ Сок|Дже Сок|Чжэсок / 재석
Min-woo|Minwoo|Min-u / Мин У|Мину / 민우
Dong-hoon|Donghun / Дон Хун|Донхун / 동훈
Ji-hoon|Jihoon|Ji-hun / Чжи Хун|Джи Хун|Чихун / 지훈
Hyun-woo|Hyeon-u / Хён У|Хёну / 현우
Young-chul|Yeong-cheol / Ён Чхоль|Ёнчхоль / 영철
Sang-woo|Sang-u / Сан У|Сану / 상우
Tae-yang|Taeyang / Тхэ Ян|Тэян / 태양
"""),
        surname=table("""
Kim / Ким / 김
Lee|Yi|Rhee / Ли|И / 이
Park|Pak / Пак / 박
Choi|Choe / Чхве|Цой / 최
Jung|Jeong|Chung / Чон|Чжон / 정
Kang / Кан / 강
Cho|Jo / Чо|Тё / 조
Yoon|Yun / Юн / 윤
Jang|Chang / Чан|Чжан / 장
Lim|Im / Лим|Им / 임
Han / Хан / 한
Shin|Sin / Син|Шин / 신
Seo|Suh / Со / 서
Kwon / Квон / 권
Hwang / Хван / 황
"""),
        middle=[],
        fathers=[],
        native_joiner="",
    ),
    Country(
        "RS",
        "Serbia",
        "Сербия",
        "Serbian Cyrillic",
        "western",
        given=table("""
Nikola / Никола / Никола
Miloš|Milos / Милош / Милош
Dragan / Драган / Драган
Stefan / Стефан / Стефан
Marko / Марко / Марко
Nemanja / Неманья|Неманя / Немања
Vuk / Вук / Вук
Aleksandar / Александар|Александр / Александар
Dejan / Деян / Дејан
Bojan / Боян / Бојан
Željko|Zeljko / Желько / Жељко
Srđan|Srdjan|Srdan / Срджан|Срдян / Срђан
Goran / Горан / Горан
Uroš|Uros / Урош / Урош
Predrag / Предраг / Предраг
Ljubiša|Ljubisa / Любиша / Љубиша
Đorđe|Djordje|Dorde / Джордже|Джордж / Ђорђе
"""),
        surname=table("""
Jovanović|Jovanovic / Йованович|Иованович / Јовановић
Petrović|Petrovic / Петрович / Петровић
Nikolić|Nikolic / Николич / Николић
Ilić|Ilic / Илич / Илић
Đukić|Djukic|Dukic / Джукич / Ђукић
Stojanović|Stojanovic / Стоянович / Стојановић
Lazić|Lazic / Лазич / Лазић
Živković|Zivkovic / Живкович / Живковић
Milošević|Milosevic / Милошевич / Милошевић
Čolić|Colic / Чолич / Чолић
Vukčević|Vukcevic / Вукчевич / Вукчевић
Kovačević|Kovacevic / Ковачевич / Ковачевић
Janković|Jankovic / Янкович / Јанковић
Ćirić|Ciric / Чирич / Ћирић
Đorđević|Djordjevic|Dordevic / Джорджевич / Ђорђевић
Marković|Markovic / Маркович / Марковић
"""),
        middle=[],
        fathers=[],
    ),
]
