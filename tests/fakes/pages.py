"""Article pages written for the tests (invented news, not copied from anywhere).

Serve them from `tests.fakes.http` or write them to files; each is a full page with
navigation and footer around the article so extraction has something to leave out.
"""

ENGLISH_ARTICLE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>City opens two bus lines as ridership climbs | The Harbour Courier</title>
  <meta property="og:title" content="City opens two bus lines as ridership climbs">
  <meta name="author" content="Maya Ortega">
  <meta property="article:published_time" content="2024-05-14T09:30:00+02:00">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>City opens two bus lines as ridership climbs</h1>
    <p class="byline">By Maya Ortega</p>
    <p>The city council opened two new bus lines on Monday, saying ridership on the
    network rose by 18 percent last year to about 42 million trips. The transport
    department said the new lines would connect the eastern districts with the main
    hospital and the university campus.</p>
    <p>Council member Daniel Reyes said the expansion cost 12 million euros and was
    paid for by a regional grant. Critics on the opposition benches argued that the
    money would have been better spent on repairing roads, which they described as
    the worst in the province.</p>
    <p>The department expects the lines to carry 9,000 passengers a day by the end of
    the year and plans to review the timetable in September.</p>
  </article>
  <aside>Most read: Weather warning for the weekend</aside>
  <footer>Copyright The Harbour Courier. All rights reserved.</footer>
</body>
</html>
"""

ARABIC_ARTICLE = """<!doctype html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>وزارة الصحة: افتتاح مستشفيين جديدين وانخفاض نسبة الإشغال</title>
  <meta property="og:title" content="وزارة الصحة: افتتاح مستشفيين جديدين وانخفاض نسبة الإشغال">
  <meta property="article:published_time" content="2024-03-02T08:15:00+03:00">
</head>
<body>
  <nav><a href="/">الرئيسية</a> <a href="/local">محليات</a> <a href="/economy">اقتصاد</a></nav>
  <article>
    <h1>وزارة الصحة: افتتاح مستشفيين جديدين وانخفاض نسبة الإشغال</h1>
    <p>أعلنت وزارة الصحة في بيان صدر صباح الثلاثاء أن عدد المستشفيات الحكومية في
    المحافظة ارتفع إلى اثني عشر مستشفى بعد افتتاح مستشفيين جديدين خلال العام الماضي.</p>
    <p>وقال المتحدث باسم الوزارة إن نسبة الأسرة المشغولة انخفضت بنحو عشرة في المئة
    مقارنة بالعام السابق، مشيرا إلى أن الوزارة تخطط لافتتاح ثلاثة مراكز صحية إضافية
    في القرى الشمالية قبل نهاية السنة.</p>
    <p>من جهتهم، طالب أطباء في المحافظة بزيادة عدد الممرضين، مؤكدين أن النقص في
    الكوادر ما زال يؤثر على جودة الخدمة المقدمة للمرضى في أقسام الطوارئ.</p>
    <p>وأضاف البيان أن ميزانية القطاع الصحي لهذا العام بلغت أربعمئة مليون دينار، وهي
    الأعلى منذ عشر سنوات، فيما يرى خبراء أن هذه الزيادة لا تكفي لتغطية الاحتياجات
    المتزايدة مع نمو عدد السكان.</p>
  </article>
  <footer>جميع الحقوق محفوظة</footer>
</body>
</html>
"""

# The same Arabic article declared and encoded as windows-1256, as older Arabic sites serve it.
ARABIC_ARTICLE_CP1256 = ARABIC_ARTICLE.replace('<meta charset="utf-8">', '<meta charset="windows-1256">').encode("cp1256")

NO_ARTICLE = """<!doctype html>
<html lang="en"><head><title>Video: highlights</title></head>
<body><nav><a href="/">Home</a></nav><div id="player"></div><p>Watch the video.</p>
<footer>Cookies help us deliver our services.</footer></body></html>
"""
