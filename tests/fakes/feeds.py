"""Fake news feeds: an RSS 2.0 and an Atom feed in the shapes of the recorded samples
(channel/item with media: and dc: namespaces, escaped HTML descriptions; Atom with
alternate links and CDATA content), our own items; and a "billion laughs" feed.
"""

from tests.fakes.http import Route
from tests.fakes.providers import ProviderFake

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" version="2.0">
<channel><title>Examplia Daily</title><link>https://daily.example/</link><description>News</description>
<language>en-gb</language><pubDate>Wed, 31 Jan 2024 07:00:00 GMT</pubDate>
<item><title>Harbour of Examplia handled 1.2 million containers in 2023</title>
<link>https://daily.example/2024/jan/31/harbour-containers</link>
<description>&lt;p&gt;The harbour handled 1.2 million containers, the port authority said.&lt;/p&gt;</description>
<category domain="https://daily.example/business">Business</category>
<pubDate>Wed, 31 Jan 2024 06:30:00 GMT</pubDate><guid>https://daily.example/2024/jan/31/harbour-containers</guid>
<dc:creator /><dc:date>2024-01-31T06:30:00Z</dc:date></item>
<item><title>Weather: a mild week ahead</title><link>https://daily.example/weather</link>
<description>Sunny.</description><pubDate>Wed, 31 Jan 2024 05:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">أخبار إكسامبليا</title>
<updated>2024-02-01T10:00:00+01:00</updated><id>urn:example:feed</id>
<link rel="alternate" href="https://akhbar.example/"/><link rel="self" href="https://akhbar.example/atom.xml"/>
<entry><title>ميناء إكسامبليا يتعامل مع 1.2 مليون حاوية</title><id>urn:example:1</id>
<updated>2024-02-01T09:00:00+01:00</updated><published>2024-02-01T09:00:00+01:00</published>
<link rel="alternate" href="https://akhbar.example/port?wt_mc=rss"/>
<summary type="html">&lt;p&gt;الميناء تعامل مع 1.2 مليون حاوية في 2023&lt;/p&gt;</summary>
<content type="html"><![CDATA[<p><img src="https://akhbar.example/i.jpg">تفاصيل</p>]]></content></entry>
</feed>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>Harbour containers &lol3;</title>
<link>https://evil.example/x</link></item></channel></rss>"""


def handler(path, params):
    if path == "/rss.xml":
        return Route(200, {"Content-Type": "application/rss+xml; charset=utf-8"}, RSS.encode("utf-8"))
    if path == "/atom.xml":
        return Route(200, {"Content-Type": "application/atom+xml"}, ATOM.encode("utf-8"))
    if path == "/laughs.xml":
        return Route(200, {"Content-Type": "text/xml"}, LAUGHS.encode("utf-8"))
    if path == "/latin1.xml":
        body = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Weather", "Caf\u00e9 weather")
        return Route(200, {"Content-Type": "text/xml"}, body.encode("latin-1"))
    return None


def make() -> ProviderFake:
    return ProviderFake(handler)
