"""Write the blind lists for `extrashield match`: wanted.csv, recruits.xlsx, truth.csv, decoys.csv.

Every planted pair and every decoy below was spelt by hand (README.md says how and when), before the
matcher was read. Only the filler recruits (persons unrelated to any wanted row) are drawn from name pools,
with a fixed seed, so `python build_lists.py` rebuilds the same rows (the CSV files byte for byte; the XLSX
file's zip timestamps differ).

Pair line:   key | wanted name | aliases | birth | nationality | requesting state
             || recruit name | latin (y/n) | birth | nationality | service case
Decoy line:  wanted key | recruit name | latin | birth | nationality | kind
Unmatched:   key | wanted name | aliases | birth | nationality | requesting state

Service cases (the recruit's contract; the expected answer is derived in `expected_answer`):
  S  serving, contract until `ongoing` (or a Russian "по н.в.")   S2 serving, contract until a date in 2027
  C  served, ended in 2025, combat yes                             N  served, ended, combat no
  U  served, ended, combat not recorded                            V  volunteer formation, serving, combat yes
  R  serving, and the recruit row also names Russian citizenship  X  serving, no nationality in either row
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
DECISION_DATE = dt.date(2026, 6, 1)

PAIRS = """
np01 | राम बहादुर थापा | Ram Bahadur Thapa | 1993-04-15 | NP | NP || Тапа Рам Бахадур | n | 15.04.1993 | Непал | S
np02 | Suman Gurung | | 1996 | Nepal | NP || Гурунг Суман | y | 07.08.1996 | Непал | C
np03 | बिकास श्रेष्ठ | | 1991-11-02 | NP | NP || Шрестха Бикаш | y | 02.11.1991 | NP | N
np04 | Dipak Magar | Deepak Pun Magar | 1998-01-20 | NP | NP || Пун Магар Дипак | n | 20.01.1998 | Непал | S
np05 | विष्णु प्रसाद अधिकारी | | 1985 | NP | NP || Адхикари Бишну Прасад | n | 11.06.1985 | Непал | U
np06 | Krishna Bahadur Rai | | 1990-02 | NP | NP || Раи Кришна Бахадур | y | 14.02.1990 | Непал | S
np07 | सन्तोष तामाङ | Santosh Tamang | 1997-09-09 | NP | NP || Таманг Сантош | n | 09.09.1997 | Непал | S2
np08 | Nabin Limbu | | 1995-05-05 | NP | NP || Лимбу Набин | y | 05.05.1995 | Непал; Россия | R
np09 | गणेश बहादुर खड्का | | 1988-12-01 | NP | NP || Хадка Ганеш | n | 01.12.1988 | Непал | C
np10 | Prakash K.C. | Prakash Khatri Chhetri | 1994-07-19 | NP | NP || Кей Си Пракаш | y | 19.07.1994 | NP | S
np11 | हरि प्रसाद पौडेल | Hari Prasad Paudel | 1982-03-30 | NP | NP || Поудель Хари Прасад | n | 30.03.1982 | Непал | V
np12 | Bishal Sunar | | 2000-10-10 | NP | NP || Сунар Бишал | n | 10.10.2000 | NP | S
np13 | Anil Shahi | | 1992 | NP | NP || Шахи Анил | n | 23.03.1992 | Непал | N
np14 | दिनेश भण्डारी | | 1989-06-18 | NP | NP || Бхандари Динеш | y | 18.06.1989 | Непал | S
np15 | Sujan Ghale | | 1999-01-01 | NP | NP || Гхале Суджан | n | 01.01.1999 | Непал | S
np16 | Ramesh Bahadur Bista | | 1987-08-08 | NP | NP || Биста Рамеш | n | 08.08.1987 | Непал | S
np16 | Ramesh Bahadur Bista | | 1987-08-08 | NP | NP || Биста Рамеш Бахадур | y | 08.08.1987 | Непал | N
in01 | राजेश कुमार यादव | Rajesh Kumar Yadav | 1995-03-03 | IN | IN || Ядав Раджеш Кумар | n | 03.03.1995 | Индия | S
in02 | Surendra Singh | | 1990 | India | IN || Сингх Сурендра | y | 12.12.1990 | Индия | C
in03 | Mohammed Sufiyan Ansari | | 1997-07-07 | IN | IN || Ансари Мохаммед Суфиян | n | 07.07.1997 | Индия | S
in04 | अजय कुमार | Ajay Kumar | 1993-05-25 | IN | IN || Кумар Аджай | n | 25.05.1993 | Индия | N
in05 | Harpreet Singh Sandhu | | 1994-10-30 | IN | IN || Сандху Харприт Сингх | y | 30.10.1994 | IN | S
in06 | Vinod Sharma | | 1986 | IN | IN || Шарма Винод | n | 1986 | Индия | U
in07 | संजय चौहान | | 1992-02-14 | IN | IN || Чаухан Санджай | n | 14.02.1992 | Индия | C
in08 | Mohd. Arif Khan | | 1998-04-04 | IN | IN || Хан Мохаммад Ариф | n | 04.04.1998 | Индия | S
in09 | Pradeep Kumar Verma | | 1991 | IN | IN || Верма Прадип | n | 19.09.1991 | Индия | S
in10 | সৌরভ চট্টোপাধ্যায় | Sourav Chatterjee | 1990-01-15 | IN | IN || Чаттерджи Саурав | y | 15.01.1990 | Индия | S
in11 | ராஜேஷ் கண்ணன் | | 1992-08-18 | IN | IN || Каннан Раджеш | n | 18.08.1992 | Индия | S
bd01 | মোহাম্মদ রফিকুল ইসলাম | | 1988-08-08 | BD | BD || Ислам Мохаммад Рафикул | n | 08.08.1988 | Бангладеш | S
bd02 | আব্দুল করিম শেখ | Abdul Karim Sheikh | 1993 | BD | BD || Шейх Абдул Карим | y | 01.06.1993 | Бангладеш | C
bd03 | Md. Shahidul Haque | | 1995-12-12 | Bangladesh | BD || Хак Мохаммед Шахидул | n | 12.12.1995 | BD | N
bd04 | দেবাশীষ দাস | | 1987-03-21 | BD | BD || Дас Дебашиш | n | 21.03.1987 | Бангладеш | S
bd05 | Rashed Hossain | Rashid Hossain | 1999 | BD | BD || Хоссейн Рашед | y | 10.07.1999 | Бангладеш | S2
bd06 | নাজমুল হাসান | Nazmul Hasan | 1996-09-09 | | BD || Хасан Назмул | n | 09.09.1996 | | X
lk01 | සමන් කුමාර පෙරේරා | Saman Kumara Perera | 1984-05-10 | LK | LK || Перера Саман Кумара | n | 10.05.1984 | Шри-Ланка | S
lk02 | Nuwan Dissanayake | | 1990 | LK | LK || Дисанаяке Нуван | y | 03.03.1990 | Шри-Ланка | C
lk03 | චමින්ද ජයසූරිය | | 1982-11-11 | LK | LK || Джаясурия Чаминда | n | 11.11.1982 | Шри-Ланка | N
lk04 | H.M. Ruwan Bandara | Herath Mudiyanselage Ruwan Bandara | 1988-02-02 | LK | LK || Бандара Руван | n | 02.02.1988 | Шри-Ланка | S
lk05 | ලහිරු ගුණසේකර | | 1995 | LK | LK || Гунасекара Лахиру | y | 15.08.1995 | LK | S
lk06 | Kasun Wijesinghe | | 1997-06-06 | Sri Lanka | LK || Виджесингхе Касун | n | 06.06.1997 | Шри-Ланка; Россия | R
lk07 | Tharindu Ratnayake | | 1993-09 | LK | LK || Ратнаяке Тхаринду | n | 17.09.1993 | Шри-Ланка | S
lk08 | Chathura Fernando | | 1986-01-30 | LK | LK || Фернандо Чатура | n | 30.01.1986 | Шри-Ланка | U
lk09 | சிவகுமார் ரவீந்திரன் | Sivakumar Ravindran | 1985-07-07 | LK | LK || Равиндран Сивакумар | n | 07.07.1985 | Шри-Ланка | S
lk10 | Murugesu Tharshan | | 1994-04-04 | LK | LK || Таршан Муругесу | y | 04.04.1994 | Шри-Ланка | C
lk11 | கணேசன் பிரதீபன் | | 1991 | LK | LK || Ганесан Пратипан | n | 21.01.1991 | Шри-Ланка | S
lk12 | S. Kumaran | Selvarajah Kumaran | 1989-10-10 | LK | LK || Кумаран Селвараджа | n | 10.10.1989 | Шри-Ланка | S
lk13 | Thambirajah Jeyakumar | | 1979-03-15 | LK | LK || Тамбираджа Джеякумар | n | 15.03.1979 | Шри-Ланка | N
lk14 | Kanagaratnam Niroshan | | 1996-12-24 | LK | LK || Канагаратнам Нирошан | y | 24.12.1996 | Шри-Ланка | S
cu01 | José Manuel Hernández Ruiz | | 1990-06-11 | CU | CU || Эрнандес Руис Хосе Мануэль | y | 11.06.1990 | Куба | S
cu02 | Yoandri Pérez Lázaro | | 1995 | CU | CU || Перес Ласаро Йоандри | n | 02.02.1995 | Куба | C
cu03 | Yusniel García Díaz | | 1998-03-08 | CU | CU || Гарсия Диас Юсньель | y | 08.03.1998 | Куба | S
cu04 | Alexis Rodríguez Castillo | | 1987-12-12 | Cuba | CU || Родригес Кастильо Алексис | n | 12.12.1987 | CU | N
co01 | Guillermo Quintero Jiménez | | 1992-10-01 | CO | CO || Кинтеро Хименес Гильермо | y | 01.10.1992 | Колумбия | C
co02 | Jhon Jairo Valencia Mosquera | | 1985 | CO | CO || Валенсия Москера Джон Хайро | n | 14.11.1985 | Колумбия | S
cu05 | Yordanis Díaz | Yordanis Díaz Martínez | 1994-04-20 | CU | CU || Диас Мартинес Йорданис | n | 20.04.1994 | Куба | S
cu06 | Luis Ángel González | | 1999-09-19 | CU | CU || Гонсалес Луис Анхель | y | 19.09.1999 | Куба | S2
cu07 | Reinier Cruz Fonseca | | 1993-07-07 | CU | CU || Крус Фонсека Рейнер | n | 07.07.1993 | Куба | V
co03 | Andrés Felipe Muñoz | | 1996 | CO | CO || Муньос Андрес Фелипе | y | 05.05.1996 | Колумбия | S
cu08 | Dayron Leyva Ochoa | | 1997-11-30 | CU | CU || Лейва Очоа Дайрон | y | 30.11.1997 | Куба | S
cu09 | Ernesto Céspedes Vázquez | | 1983-08-27 | CU | CU || Сеспедес Васкес Эрнесто | n | 27.08.1983 | Куба | U
br01 | João Paulo Gonçalves da Silva | | 1991-05-15 | BR | BR || Гонсалвес да Силва Жуан Паулу | y | 15.05.1991 | Бразилия | S
br02 | Luiz Henrique Nogueira | | 1988 | Brazil | BR || Ногейра Луис Энрики | n | 22.02.1988 | Бразилия | C
ao01 | Manuel Chiquinho dos Santos | | 1990-10-10 | AO | AO || Дус Сантус Мануэл Шикинью | y | 10.10.1990 | Ангола | S
mz01 | Edson Mabunda | | 1995-06-25 | MZ | MZ || Мабунда Эдсон | n | 25.06.1995 | Мозамбик | N
iq01 | عبد الرحمن الشمري | Abdulrahman al-Shammari | 1989-01-01 | IQ | IQ || Аш-Шаммари Абдуррахман | n | 01.01.1989 | Ирак | S
sy01 | محمد الصالح | | 1994 | SY | SY || Ас-Салих Мухаммед | y | 20.02.1994 | Сирия | C
sd01 | أحمد عبد الله النور | | 1992-06-30 | SD | SD || Ан-Нур Ахмед Абдалла | n | 30.06.1992 | Судан | S
eg01 | محمود جمال عبد العزيز | Mahmoud Gamal Abdelaziz | 1990-09-09 | EG | EG || Абдельазиз Махмуд Гамаль | y | 09.09.1990 | Египет | S
iq02 | حيدر علي الزبيدي | | 1987-05-05 | IQ | IQ || Аз-Зубейди Хайдар Али | n | 05.05.1987 | Ирак | N
sy02 | خالد الأحمد | Khaled al-Ahmad | 1996-03-13 | SY | SY || Аль-Ахмад Халед | n | 13.03.1996 | Сирия; Россия | R
ye01 | Abd al-Karim Hassan | عبد الكريم حسن | 1985 | YE | YE || Абделькарим Хасан | y | 10.10.1985 | Йемен | S
eg02 | يوسف عمر | | 1998-08-08 | EG | EG || Омар Юсеф | n | 08.08.1998 | Египет | C
iq03 | Ali Hussein al-Jubouri | | 1991-11-11 | IQ | IQ || Аль-Джубури Али Хусейн | n | 11.11.1991 | Ирак | S
ly01 | عمر عبد الله | Omar Abdullah | 1993 | LY | LY || Абдулла Омар | n | 03.03.1993 | Ливия | S
so01 | Cabdullaahi Maxamed Cismaan | Abdullahi Mohamed Osman | 1990-04-04 | SO | SO || Осман Абдуллахи Мохамед | n | 04.04.1990 | Сомали | S
so02 | Xasan Cali Xuseen | | 1993 | SO | SO || Хусейн Хасан Али | y | 05.05.1993 | Сомали | C
so03 | Abdirahman Mohamed Farah | | 1988-12-12 | Somalia | SO || Фарах Абдирахман Мохамед | n | 12.12.1988 | Сомали | N
so04 | Faarax Cabdi Warsame | | 1995-01-20 | SO | SO || Варсаме Фарах Абди | n | 20.01.1995 | Сомали | S
kg01 | Nurlan Kubanychbek uulu | | 1996-02-02 | KG | KG || Кубанычбек уулу Нурлан | y | 02.02.1996 | Киргизия | S
kg02 | Азамат Токтогулов | Azamat Toktogulov | 1991 | KG | KG || Токтогулов Азамат Бакытович | n | 08.08.1991 | Кыргызстан | C
tj01 | Rustam Sharifzoda | | 1988-10-10 | TJ | TJ || Шарифов Рустам Саидович | y | 10.10.1988 | Таджикистан | S
tj02 | Фаридун Ҳакимзода | | 1993-03-03 | TJ | TJ || Хакимзода Фаридун | n | 03.03.1993 | Таджикистан | S
uz01 | Jamshid Botir o'g'li Rahimov | | 1995-05-05 | UZ | UZ || Рахимов Джамшид Ботирович | n | 05.05.1995 | Узбекистан | N
uz02 | Sherzod Tursunov | | 1990 | UZ | UZ || Турсунов Шерзод | n | 04.04.1990 | Узбекистан | U
kz01 | Yerlan Nurlanuly | | 1994-07-07 | KZ | KZ || Нурланулы Ерлан | y | 07.07.1994 | Казахстан | S
uz03 | Ulugbek Xolmatov | | 1987-01-01 | UZ | UZ || Холматов Улугбек | n | 01.01.1987 | Узбекистан | S2
uz04 | Bakhtiyor Qodirov | | 1992-09-09 | UZ | UZ || Кадыров Бахтиёр | n | 09.09.1992 | Узбекистан | C
uz05 | Kim Viktor | Ким Виктор Сергеевич | 1980-11-20 | UZ | UZ || Ким Виктор Сергеевич | y | 20.11.1980 | Узбекистан | S
tj03 | Dilshod Ergashev | | 1999-06-15 | TJ | TJ || Эргашев Дилшод | n | 15.06.1999 | Таджикистан | S
kg03 | Мирлан Абдыкадыров | | 1997 | KG | KG || Абдыкадыров Мирлан Таалайбекович | n | 31.01.1997 | Киргизия; Россия | R
cn01 | 王伟 | | 1990-05-01 | CN | CN || Ван Вэй | n | 01.05.1990 | Китай | S
cn02 | 张晓明 | Zhang Xiaoming | 1988 | CN | CN || Чжан Сяомин | y | 06.06.1988 | Китай | C
cn03 | 刘强 | | 1993-12-12 | CN | CN || Лю Цян | n | 12.12.1993 | Китай | N
cn04 | 陈建国 | | 1979-10-01 | CN | CN || Чэнь Цзяньго | y | 01.10.1979 | Китай | S
cn05 | 黄志强 | | 1995-03-25 | CN | CN || Хуан Чжицян | n | 25.03.1995 | CN | S
cn06 | 赵磊 | | 1997 | CN | CN || Чжао Лэй | n | 07.07.1997 | Китай | U
kr01 | 김민준 | Kim Min-jun | 1995-05-05 | KR | KR || Ким Мин Джун | y | 05.05.1995 | Республика Корея | S
kr02 | 박성호 | | 1990-10-10 | KR | KR || Пак Сон Хо | n | 10.10.1990 | Республика Корея | S
kr03 | 이정훈 | Lee Jung-hoon | 1988 | KR | KR || Ли Чжон Хун | n | 18.08.1988 | KR | C
kr04 | 최영수 | | 1992-02-29 | KR | KR || Цой Ён Су | n | 29.02.1992 | Республика Корея | N
kr05 | 정대현 | | 1994-04-14 | KR | KR || Чон Дэ Хён | y | 14.04.1994 | Республика Корея | S
ke01 | Brian Otieno Ochieng | | 1996-06-16 | KE | KE || Очиенг Брайан Отиено | n | 16.06.1996 | Кения | S
ke02 | Kevin Kipchoge Kiprotich | | 1993 | KE | KE || Кипротич Кевин | n | 30.03.1993 | Кения | C
"""

DECOYS = """
np01 | Тхапа Рам Бахадур | n | 02.11.1987 | Непал | namesake
np01 | Тапа Рам Бахадур | n | 15.04.2003 | Непал | ten_years
np01 | Тапа Шьям Бахадур | n | 21.09.1995 | Непал | relative
np02 | Гурунг Сумит | n | 12.03.1998 | Непал | relative
np02 | Гурунг Суман | y | 19.06.1986 | Непал | ten_years
np06 | Раи Кришна | n | 04.01.1966 | Непал | relative
np14 | Бхандари Динеш | n | 18.06.1979 | Непал | ten_years
np16 | Биста Рамеш | n | 30.01.1995 | Непал | namesake
in02 | Сингх Сурендра | n | 05.05.1980 | Индия | ten_years
in04 | Кумар Аджай | n | 11.01.1993 | Индия | namesake
in04 | Кумар Аджай | y | 25.05.2003 | Индия | ten_years
bd01 | Ислам Мохаммад Рафикул | n | 08.08.1978 | Бангладеш | ten_years
bd01 | Ислам Мохаммад Шафикул | n | 02.02.1990 | Бангладеш | relative
lk01 | Перера Саман | n | 10.05.1994 | Шри-Ланка | ten_years
lk01 | Перера Сампат Кумара | n | 16.04.1986 | Шри-Ланка | relative
lk08 | Фернандо Чатура | n | 14.05.1991 | Шри-Ланка | namesake
lk09 | Равиндран Суреш | n | 07.07.1988 | Шри-Ланка | relative
cu03 | Гарсия Диас Юниор | n | 17.01.1996 | Куба | relative
cu06 | Гонсалес Луис | y | 19.09.1989 | Куба | ten_years
cu01 | Эрнандес Руис Хосе Луис | n | 11.06.1993 | Куба | relative
sy01 | Ас-Салих Ахмед | n | 03.03.1996 | Сирия | relative
eg02 | Омар Юсеф | n | 08.08.1988 | Египет | ten_years
eg02 | Омар Юсуф | n | 11.02.1999 | Египет | namesake
ly01 | Абдулла Омар | n | 03.03.1983 | Ливия | ten_years
ly01 | Абдулла Омар | n | 07.07.1993 | Египет | namesake_other_nationality
so04 | Абди Варсаме Юсуф | n | 09.09.1968 | Сомали | relative
kg01 | Кубанычбек уулу Нурбек | y | 15.10.1998 | Киргизия | relative
kg02 | Токтогулов Азамат Бакытович | n | 08.08.1981 | Киргизия | ten_years
uz02 | Турсунов Шерзод | n | 04.04.2000 | Узбекистан | ten_years
uz02 | Турсунов Шерзод | n | 12.12.1990 | Таджикистан | namesake_other_nationality
uz05 | Ким Виктор Сергеевич | n | 03.03.1985 | Казахстан | namesake
uz05 | Ким Виталий Сергеевич | n | 14.07.1982 | Узбекистан | relative
cn01 | Ван Вэй | n | 02.02.1985 | Китай | namesake
cn01 | Ван Вэй | y | 01.05.2000 | Китай | ten_years
kr02 | Пак Сон Хо | n | 10.10.1980 | Республика Корея | ten_years
kr01 | Ким Мин Су | n | 05.05.1997 | Республика Корея | relative
u01 | Тапа Хари Бахадур | n | 01.01.1980 | Непал | ten_years
u02 | Али Мохаммед | n | 15.01.1985 | Ирак | namesake
u02 | Али Мохаммед | n | 09.09.1990 | Египет | namesake_other_nationality
u03 | Гарсия Хосе | n | 06.06.1982 | Куба | ten_years
u03 | Гарсия Хосе Луис | y | 18.08.1995 | Куба | namesake
u04 | Ким Чжи Хун | n | 03.03.1986 | Республика Корея | ten_years
u05 | Ли Цзюнь | n | 06.06.1981 | Китай | ten_years
u05 | Ли Цзюнь | n | 15.03.1995 | Китай | namesake
u06 | Перера Сунил | n | 05.05.1975 | Шри-Ланка | ten_years
u06 | Перера Сунил | y | 10.10.1989 | Шри-Ланка | namesake
u07 | Хасан Ахмед | n | 20.04.1978 | Египет | ten_years
u07 | Хасан Ахмед | n | 01.11.1998 | Египет | ten_years
u08 | Гурунг Арджун | n | 03.03.1997 | Непал | namesake
u09 | Шрестха Бинод | n | 22.02.1993 | Непал | namesake
u10 | Рахимов Алишер | n | 09.09.1984 | Узбекистан | ten_years
u11 | Нурланов Ерлан | n | 12.05.1995 | Казахстан | namesake_other_nationality
u12 | Перес Йоандри | n | 02.02.1985 | Куба | ten_years
u13 | Сингх Гурприт | n | 14.08.1989 | Индия | ten_years
u14 | Ахмед Мохаммед Абдалла | n | 30.06.1982 | Судан | ten_years
u15 | Хоссейн Мохаммед Рашед | n | 01.01.1979 | Бангладеш | relative
u16 | Чжан Вэй | n | 07.07.1992 | Китай | ten_years
u17 | Ли Чжи Хун | n | 11.11.1996 | Республика Корея | ten_years
u18 | Мохамед Абди Фарах | n | 06.06.1994 | Сомали | ten_years
u19 | Юсупов Фаррух | n | 15.05.1979 | Таджикистан | ten_years
u20 | Родригес Кастильо Орландо | n | 12.12.1987 | Куба | namesake
u21 | Дисанаяке Чаминда | n | 11.11.1992 | Шри-Ланка | ten_years
u22 | Таманг Бирендра | n | 05.05.1983 | Непал | namesake
u23 | Каннан Раджеш | n | 18.08.1982 | Индия | ten_years
u24 | Эль-Масри Ахмед | n | 01.01.1995 | Египет | ten_years
u25 | Абдыкадыров Эрлан | n | 04.04.1999 | Киргизия | namesake
"""

UNMATCHED = """
u01 | Hari Bahadur Thapa | | 1990-01-01 | NP | NP
u02 | Mohammed Ali | محمد علي | 1990-05-05 | IQ | IQ
u03 | José García | | 1992 | CU | CU
u04 | 김지훈 | Kim Ji-hoon | 1996-03-03 | KR | KR
u05 | 李军 | Li Jun | 1991-01-01 | CN | CN
u06 | Sunil Perera | සුනිල් පෙරේරා | 1985-05-05 | LK | LK
u07 | Ahmed Hassan | أحمد حسن | 1988 | EG | EG
u08 | अर्जुन गुरुङ | Arjun Gurung | 1997-07-17 | NP | NP
u09 | Binod Shrestha | | 1975-06-06 | NP | NP
u10 | Alisher Rahimov | | 1994-09-09 | UZ | UZ
u11 | Yerlan Nurlanov | | 1990-05-12 | KG | KG
u12 | Yoandri Pérez | | 1975-02-02 | CU | CU
u13 | ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ | Gurpreet Singh | 1999-08-14 | IN | IN
u14 | Ahmed Mohammed Abdalla | | 1972-06-30 | SD | SD
u15 | Rashed Hossain Mollah | | 1969 | BD | BD
u16 | 张伟 | Zhang Wei | 1982-07-07 | CN | CN
u17 | 이지훈 | | 1986-11-11 | KR | KR
u18 | Maxamed Cabdi Faarax | | 1984-06-06 | SO | SO
u19 | Farrukh Yusupov | | 1989-05-15 | TJ | TJ
u20 | Orlando Rodríguez Castillo | | 1960 | CU | CU
u21 | චමින්ද දිසානායක | | 1982-11-11 | LK | LK
u22 | Birendra Tamang | | 1988-05-05 | NP | IN
u23 | Rajesh Kannan | | 1972-08-18 | LK | LK
u24 | Ahmed El-Masry | | 1985-01-01 | EG | EG
u25 | Erlan Abdykadyrov | | 1973 | KG | KG
u26 | पूर्ण बहादुर मगर | | 1991-02-02 | NP | NP
u27 | Lok Bahadur Gharti | | 1983 | NP | NP
u28 | সাইফুল ইসলাম রনি | | 1994-10-10 | BD | BD
u29 | Mohamed Abdikarim Jama | | 1991 | SO | SO
u30 | عبد الله الحربي | | 1986-04-04 | SA | SA
u31 | 孙浩 | | 1992-02-02 | CN | CN
u32 | 한승우 | | 1989-09-19 | KR | KR
u33 | Yunior Batista Soler | | 1996-06-06 | CU | CU
u34 | Wilmer Cárdenas Ortiz | | 1990 | CO | CO
u35 | Pathirage Nimal Silva | | 1978-03-03 | LK | LK
u36 | மணிவண்ணன் செல்வம் | | 1993-12-01 | LK | LK
u37 | Kwame Mensah Boateng | | 1995-05-20 | GH | GH
u38 | Jean-Pierre Nkurunziza | | 1987 | BI | BI
u39 | Sanjar Kholmurodov | | 1998-08-08 | UZ | UZ
u40 | Бекзат Осмонов | | 1993 | KG | KG
u41 | Shavkat Mirzoev | | 1981-04-14 | TJ | TJ
u42 | Dmitri Tsoi | | 1985-12-12 | KZ | KZ
u43 | Ibrahim Traoré Diallo | | 1992-01-01 | ML | ML
u44 | محمد جاسم الدليمي | | 1980 | IQ | IQ
u45 | Pedro Henrique Alves | | 1994-11-11 | BR | BR
u46 | Suresh Bahadur Karki | | 1986-02-02 | NP | NP
u47 | बबलु राय | | 1999 | IN | IN
u48 | Amal Perera | | 1977 | LK | LK
"""

# The offence each requesting state most often names in these notices (NOTES.md §7), one per state; a few
# rows ask for the enforcement of a sentence instead.
OFFENCES = {
    "NP": "human trafficking (recruitment for foreign armed forces)",
    "IN": "human trafficking; cheating (IPC 370, 420)",
    "BD": "human trafficking",
    "LK": "illegal recruitment of Sri Lankan nationals for foreign service",
    "CU": "mercenarism (Art. 135 Penal Code)",
    "CO": "mercenarism",
    "BR": "fraud",
    "AO": "desertion",
    "MZ": "theft",
    "IQ": "participation in a foreign armed conflict",
    "SY": "murder",
    "SD": "robbery",
    "EG": "joining a foreign armed force without permission",
    "YE": "kidnapping",
    "LY": "smuggling",
    "SO": "membership of an armed group",
    "KG": "mercenarism (Art. 416 Criminal Code)",
    "TJ": "participation in armed conflicts abroad",
    "UZ": "mercenarism (Art. 154 Criminal Code)",
    "KZ": "participation in foreign armed conflicts (Art. 172 Criminal Code)",
    "CN": "illegal border crossing",
    "KR": "violation of the Passport Act (travel to a banned country)",
    "KE": "human trafficking",
    "SA": "drug trafficking",
    "GH": "fraud",
    "BI": "rebellion",
    "ML": "terrorism",
}

ICAO = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y _ e iu ia".split(),
    )
)


def icao(cyrillic: str) -> str:
    """The Latin a Russian passport writes since 2013 (ICAO Doc 9303 table; ь is left out)."""
    out = []
    for ch in cyrillic.lower():
        t = ICAO.get(ch, ch)
        out.append("" if t == "_" else t)
    return "".join(out).upper()


def split(line: str) -> list[str]:
    return [part.strip() for part in line.split("|")]


def expected_answer(case: str) -> tuple[str, str]:
    """Outcome class and point-7 status of the merged person on DECISION_DATE, read from the statute.

    Point 7 (Art. 464(1)(7) UPK, in force from 2026-03-19, default reading): a foreign citizen or stateless
    person serving under contract in the Armed Forces or another military formation (limb a), or who served
    so and took part in combat (limb b). A Russian citizen is barred by Art. 61(1) Constitution and point 1.
    Every other fact of the request (treaty, guarantees, penalty, limitation...) is unknown in a flat row, so
    a person point 7 does not protect is not barred: the outcome is `undetermined`.
    """
    return {
        "S": ("barred", "applies"),
        "S2": ("barred", "applies"),
        "C": ("barred", "applies"),
        "N": ("undetermined", "does_not_apply"),
        "U": ("undetermined", "unknown"),
        "V": ("undetermined", "does_not_apply"),  # volunteer formations excluded by the default reading
        "R": ("barred", "does_not_apply"),  # a Russian citizen is not a foreign citizen: 61.1 and 464.1.1 bar
        "X": ("undetermined", "unknown"),  # foreign citizenship unknown
    }[case]


def service(case: str, rng: random.Random) -> dict[str, object]:
    """The recruit's contract columns, written as Russian records write them."""
    start = dt.date(rng.choice([2023, 2024, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
    if start > dt.date(2025, 3, 1):
        start = dt.date(2024, start.month, start.day)
    formation = rng.choice(["ВС РФ", "ВС РФ", "armed_forces", "Вооружённые силы", "other_military_formation"])
    ongoing = rng.choice(["по н.в.", "ongoing", "по настоящее время"])
    if case in ("S", "R", "X"):
        return {
            "formation": formation,
            "contract_from": start,
            "contract_until": ongoing,
            "combat": rng.choice(["да", "нет", "да", ""]),
        }
    if case == "S2":
        return {
            "formation": formation,
            "contract_from": start,
            "contract_until": dt.date(2027, rng.randint(1, 12), rng.randint(1, 28)),
            "combat": "да",
        }
    if case == "V":
        return {
            "formation": "добровольческое формирование",
            "contract_from": start,
            "contract_until": ongoing,
            "combat": "да",
        }
    end = dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))
    if end <= start:
        start = dt.date(2023, start.month, start.day)
    until: object = end if rng.random() < 0.8 else "2025"
    combat = {"C": rng.choice(["да", "yes"]), "N": "нет", "U": ""}[case]
    return {"formation": formation, "contract_from": start, "contract_until": until, "combat": combat}


def filler_service(rng: random.Random) -> dict[str, object]:
    return service(rng.choice(["S", "S", "S2", "C", "N", "U", "V"]), rng)


# Filler recruits: persons of the countries that send most recruits, unrelated to any wanted row.
POOLS: dict[str, tuple[str, str, str]] = {
    "Узбекистан": (
        "Алиев Каримов Юлдашев Саидов Исмоилов Мирзаев Абдуллаев Хасанов Султонов Назаров Бобоев Рашидов "
        "Тошматов Худойбердиев Эшонкулов Мамадалиев",
        "Азиз Ботир Дилмурод Фаррух Ислом Одил Сардор Тимур Улугбек Шухрат Элёр Жасур Бобур Акмал Нодир",
        "Алишерович Бахромович Олимович Рустамович Шавкатович Анварович",
    ),
    "Таджикистан": (
        "Рахмонов Назаров Шарипов Исмоилзода Давлатов Холов Саидзода Гафуров Мирзоев Умаров Кодиров",
        "Фирдавс Сухроб Манучехр Джамшед Парвиз Далер Исмоил Комрон Бехруз Навруз Абдурахмон",
        "Олимович Саидович Давлатович Исмоилович",
    ),
    "Киргизия": (
        "Асанов Бакиров Жумабеков Калыков Мамытов Осмоналиев Сыдыков Токтосунов Эсенбаев Турдубаев",
        "Адилет Бекболот Жоомарт Канат Нурбек Талант Улан Эрмек Айбек Замир Мирбек",
        "Асанович Бакытбекович Маратович Туратбекович",
    ),
    "Казахстан": (
        "Ахметов Бекмуханов Жаксылыков Нурпеисов Сейткали Оспанов Тулегенов Искаков",
        "Айдос Бауыржан Данияр Ерболат Нуржан Самат Тимур Асхат",
        "Ерланович Муратович Серикович",
    ),
    "Непал": (
        "Гурунг Тапа Магар Раи Лимбу Таманг Шрестха Карки Баснет Кхадка Тхапа Пун Адхикари Гхарти",
        "Бибек Дипендра Кумар Манодж Прем Раджу Сагар Сурадж Тек Умеш Янг Балрам Хем Нараян",
        "",
    ),
    "Индия": (
        "Кумар Сингх Шарма Патель Ядав Рао Наир Редди Гупта Мишра Пандей Тивари",
        "Амит Викрам Гаурав Дипак Маниш Рахул Ракеш Санджив Сунил Винай Анкит Мохит",
        "",
    ),
    "Шри-Ланка": (
        "Перера Фернандо Силва Джаясинге Кумара Виджератне Ранасинге Херат Гамаге Уданагама",
        "Асанка Чамара Дилан Ишара Махеш Прасанна Сампат Тилак Упул Васанта",
        "",
    ),
    "Куба": (
        "Гонсалес Родригес Перес Фернандес Лопес Мартинес Санчес Гомес Рамирес Торрес Кастро Акоста",
        "Адриан Карлос Даниэль Эдуардо Франк Йосвани Хорхе Лейдер Майкель Османи Рафаэль Йойлер",
        "",
    ),
    "Сирия": (
        "Аль-Хасан Аль-Али Ас-Сайед Аль-Омар Халиль Мансур Хаддад Юнес",
        "Абдулла Басель Фирас Ихаб Мазен Самер Тарек Валид",
        "",
    ),
    "Гана": ("Менса Асанте Овусу Боаку Аддо Агьеман", "Квеку Кофи Ато Ямо Эбо Кваку", ""),
    "Камерун": ("Нгуема Мбарга Эссомба Фотсо Тчуенте", "Жан Поль Эрве Серж Бриз", ""),
    "Сербия": ("Петрович Йованович Николич Маркович Джорджевич", "Марко Никола Стефан Милош Лука", ""),
    "Египет": ("Абдель-Рахман Мустафа Саад Ибрахим Хегази Эль-Шериф", "Карим Амр Тамер Шериф Хани", ""),
}


def filler(rng: random.Random, n: int, taken: set[tuple[str, str]]) -> list[tuple[str, str, object]]:
    """`n` persons drawn from POOLS, none with the surname and first given name of a planted person."""
    rows: list[tuple[str, str, object]] = []
    countries = list(POOLS)
    weights = [22, 12, 10, 6, 12, 8, 6, 8, 4, 3, 3, 3, 3]
    while len(rows) < n:
        country = rng.choices(countries, weights)[0]
        surnames, given, patronymics = (p.split() for p in POOLS[country])
        s, g = rng.choice(surnames), rng.choice(given)
        if (s.lower(), g.lower()) in taken:
            continue
        name = f"{s} {g}" + (f" {rng.choice(patronymics)}" if patronymics and rng.random() < 0.6 else "")
        born = dt.date(rng.randint(1970, 2005), rng.randint(1, 12), rng.randint(1, 28))
        rows.append((name, country, born))
    return rows


def fmt_birth(value: str, rng: random.Random) -> object:
    """A recruit's birth date as the record holds it: mostly DD.MM.YYYY text, some spreadsheet dates."""
    if len(value) == 10 and value[2] == "." and rng.random() < 0.3:
        d, m, y = value.split(".")
        return dt.datetime(int(y), int(m), int(d))
    return value


def main() -> None:
    rng = random.Random(20261207)
    wanted: dict[str, dict[str, str]] = {}
    recruits: list[dict[str, object]] = []
    truth: list[dict[str, str]] = []
    decoys: list[dict[str, str]] = []

    def add_wanted(key: str, name: str, aliases: str, birth: str, nat: str, req: str) -> None:
        if key in wanted:
            return
        purpose = "sentence" if rng.random() < 0.15 else "prosecution"
        wanted[key] = {
            "key": key,
            "name": name,
            "aliases": aliases,
            "birth_date": birth,
            "nationality": nat,
            "requesting_state": req,
            "purpose": purpose,
            "offence": OFFENCES[req],
            "notice_ref": f"{req}/{rng.randint(2023, 2026)}/{rng.randint(100, 9999)}",
        }

    def add_recruit(name: str, latin: str, birth: str, nat: str, svc: dict[str, object], src: str) -> int:
        recruits.append(
            {
                "name": name,
                "latin_name": icao(name) if latin == "y" else "",
                "birth_date": fmt_birth(birth, rng),
                "nationality": nat,
                **svc,
                "unit": f"в/ч {rng.randint(10000, 99999)}",
                "source": src,
            }
        )
        return len(recruits) - 1

    for line in filter(None, PAIRS.strip().splitlines()):
        w, r = line.split("||")
        key, name, aliases, birth, nat, req = split(w)
        rname, latin, rbirth, rnat, case = split(r)
        add_wanted(key, name, aliases, birth, nat, req)
        idx = add_recruit(rname, latin, rbirth, rnat, service(case, rng), "сводка военкомата")
        outcome, point7 = expected_answer(case)
        truth.append(
            {
                "key": key,
                "recruit": str(idx),
                "case": case,
                "expected_outcome": outcome,
                "expected_point7": point7,
            }
        )
    for line in filter(None, UNMATCHED.strip().splitlines()):
        add_wanted(*split(line))
    for line in filter(None, DECOYS.strip().splitlines()):
        key, rname, latin, rbirth, rnat, kind = split(line)
        idx = add_recruit(rname, latin, rbirth, rnat, filler_service(rng), "сводка военкомата")
        decoys.append({"key": key, "recruit": str(idx), "kind": kind})

    taken = {(n.split()[0].lower(), n.split()[1].lower()) for n in (str(r["name"]) for r in recruits)}
    for name, country, born in filler(rng, 1500 - len(recruits), taken):
        nat = (
            country
            if rng.random() < 0.85
            else {"Узбекистан": "UZ", "Таджикистан": "TJ", "Непал": "NP", "Индия": "IN", "Куба": "CU"}.get(
                country, country
            )
        )
        birth = born.strftime("%d.%m.%Y") if rng.random() < 0.9 else born.isoformat()
        add_recruit(
            name, "y" if rng.random() < 0.2 else "n", birth, nat, filler_service(rng), "открытые данные"
        )

    # Shuffle both lists so that row order says nothing, then number them.
    keys = list(wanted)
    rng.shuffle(keys)
    wid = {k: f"W{i:03d}" for i, k in enumerate(keys, 1)}
    order = list(range(len(recruits)))
    rng.shuffle(order)
    rid = {old: f"R{new:04d}" for new, old in enumerate(order, 1)}

    wcols = [
        "id",
        "name",
        "aliases",
        "birth_date",
        "nationality",
        "requesting_state",
        "purpose",
        "offence",
        "notice_ref",
    ]
    with open(HERE / "wanted.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(wcols)
        for k in keys:
            row = wanted[k]
            out.writerow([wid[k]] + [row[c] for c in wcols[1:]])

    rcols = [
        "id",
        "name",
        "latin_name",
        "birth_date",
        "nationality",
        "formation",
        "contract_from",
        "contract_until",
        "combat",
        "unit",
        "source",
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "контрактники"
    sheet.append(rcols)
    for old in order:
        rec = recruits[old]
        sheet.append([rid[old]] + [rec[c] for c in rcols[1:]])
    for cell in sheet["G"][1:] + sheet["D"][1:]:
        if isinstance(cell.value, dt.date):
            cell.number_format = "DD.MM.YYYY"
    book.properties.created = dt.datetime(2026, 12, 7)  # a fixed date keeps the file the same on rebuild
    book.properties.modified = dt.datetime(2026, 12, 7)
    book.save(HERE / "recruits.xlsx")

    with open(HERE / "truth.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(
            ["wanted_id", "recruit_id", "wanted_key", "service_case", "expected_outcome", "expected_point7"]
        )
        for t in truth:
            out.writerow(
                [
                    wid[t["key"]],
                    rid[int(t["recruit"])],
                    t["key"],
                    t["case"],
                    t["expected_outcome"],
                    t["expected_point7"],
                ]
            )
    with open(HERE / "decoys.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["wanted_id", "recruit_id", "wanted_key", "kind"])
        for d in decoys:
            out.writerow([wid[d["key"]], rid[int(d["recruit"])], d["key"], d["kind"]])
    print(f"{len(wanted)} wanted, {len(recruits)} recruits, {len(truth)} true pairs, {len(decoys)} decoys")


if __name__ == "__main__":
    main()
