// covers PLT-09 (the list filters every list and its export read), PLT-02, PLT-07, PLT-08, PLT-14
// The query-string reader of list endpoints: defaults, the error naming each bad parameter, the
// first error winning, and the messages endpoints keep.
#include <gtest/gtest.h>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/limits.hpp"
#include "http/json.hpp"

namespace rg::http {
namespace {

Request with_query(std::string query_string) {
  Request request;
  request.query_string = std::move(query_string);
  return request;
}

using Named = std::pair<std::string, std::string>;

// The field and message of the reader's error, or empty strings when there is none.
std::pair<std::string, std::string> error_of(const QueryReader& q) {
  if (!q.error()) return {};
  EXPECT_EQ(q.error()->code, ErrorCode::invalid);
  EXPECT_EQ(q.error()->fields.size(), 1u);
  return {q.error()->fields.at(0).field, q.error()->fields.at(0).message};
}

TEST(QueryReaderTest, PageDefaultsAndReadsSizeAndCursor) {
  const Request none = with_query("");
  QueryReader q(none);
  const auto page = q.page();
  EXPECT_EQ(page.size, limits::page_size_default);
  EXPECT_FALSE(page.cursor);
  EXPECT_FALSE(q.error());

  const Request given = with_query("page_size=500&cursor=9223372036854775807");
  QueryReader r(given);
  const auto second = r.page();
  EXPECT_EQ(second.size, 500);
  EXPECT_EQ(second.cursor, std::optional<Id>(INT64_MAX));
  EXPECT_FALSE(r.error());

  const Request empty_cursor = with_query("page_size=1&cursor=");
  QueryReader s(empty_cursor);
  EXPECT_FALSE(s.page().cursor);
  EXPECT_FALSE(s.error());
}

TEST(QueryReaderTest, BadPageSizeAndCursorAreNamed) {
  for (const char* query : {"page_size=0", "page_size=501", "page_size=abc", "page_size=5x", "page_size=",
                            "page_size=99999999999"}) {
    const Request request = with_query(query);
    QueryReader q(request);
    q.page();
    EXPECT_EQ(error_of(q), Named("page_size", "page_size must be an integer from 1 to 500."))
        << query;
  }
  for (const char* query : {"cursor=x1", "cursor=-5", "cursor=1.5", "cursor=9223372036854775808", "cursor=12345678901234567890"}) {
    const Request request = with_query(query);
    QueryReader q(request);
    q.page();
    EXPECT_EQ(error_of(q), Named("cursor", "Invalid cursor.")) << query;
    QueryReader own(request);
    own.page("The cursor is not valid.");
    EXPECT_EQ(error_of(own).second, "The cursor is not valid.") << query;
  }
}

TEST(QueryReaderTest, IdsIntegersBooleansAndChoices) {
  const Request request = with_query("role_id=42&days=30&viewed=false&status=failed&q=Ana%20Souza");
  QueryReader q(request);
  EXPECT_EQ(q.id("role_id"), std::optional<Id>(42));
  EXPECT_EQ(q.integer("days", 1, 3650), std::optional<std::int64_t>(30));
  EXPECT_EQ(q.boolean("viewed"), std::optional<bool>(false));
  EXPECT_EQ(q.one_of("status", {"queued", "delivered", "failed"}), std::optional<std::string>("failed"));
  EXPECT_EQ(q.text("q"), std::optional<std::string>("Ana Souza"));
  // Absent and empty parameters are both "no filter".
  EXPECT_FALSE(q.id("tag"));
  EXPECT_FALSE(q.boolean("missing"));
  EXPECT_FALSE(q.error());
  const Request empty = with_query("role_id=&viewed=&status=&q=");
  QueryReader e(empty);
  EXPECT_FALSE(e.id("role_id"));
  EXPECT_FALSE(e.boolean("viewed"));
  EXPECT_FALSE(e.one_of("status", {"queued"}));
  EXPECT_FALSE(e.text("q"));
  EXPECT_FALSE(e.error());
}

TEST(QueryReaderTest, BadValuesAreNamedWithDefaultOrOwnMessages) {
  auto first_error = [](const std::string& query, auto read) {
    const Request request = with_query(query);
    QueryReader q(request);
    read(q);
    return error_of(q);
  };
  EXPECT_EQ(first_error("status=sent", [](QueryReader& q) { q.one_of("status", {"queued", "delivered", "failed"}); }),
            Named("status", "Use queued, delivered or failed."));
  EXPECT_EQ(first_error("severity=x", [](QueryReader& q) { q.one_of("severity", {"info", "warning"}); }),
            Named("severity", "Use info or warning."));
  // An empty list of choices rejects every value.
  EXPECT_EQ(first_error("status=x", [](QueryReader& q) { q.one_of("status", {}, "No status here."); }),
            Named("status", "No status here."));
  EXPECT_EQ(first_error("status=Active",
                        [](QueryReader& q) { q.one_of("status", {"active", "disabled"}, "Must be active or disabled."); }),
            Named("status", "Must be active or disabled."));
  EXPECT_EQ(first_error("viewed=yes", [](QueryReader& q) { q.boolean("viewed"); }),
            Named("viewed", "Must be true or false."));
  EXPECT_EQ(first_error("viewed=TRUE", [](QueryReader& q) { q.boolean("viewed", "Use true or false."); }),
            Named("viewed", "Use true or false."));
  EXPECT_EQ(first_error("role_id=12a", [](QueryReader& q) { q.id("role_id"); }), Named("role_id", "Must be an id."));
  EXPECT_EQ(first_error("trigger_id=-1", [](QueryReader& q) { q.id("trigger_id", "Invalid trigger id."); }),
            Named("trigger_id", "Invalid trigger id."));
  EXPECT_EQ(first_error("days=0", [](QueryReader& q) { q.integer("days", 1, 3650); }),
            Named("days", "Must be between 1 and 3650."));
  EXPECT_EQ(first_error("days=3651", [](QueryReader& q) { q.integer("days", 1, 3650, "Must be 1 to 3650."); }),
            Named("days", "Must be 1 to 3650."));
  EXPECT_EQ(first_error("actor_id=1e3", [](QueryReader& q) { q.integer("actor_id", INT64_MIN, INT64_MAX); }).first,
            "actor_id");
}

TEST(QueryReaderTest, TextLengthAndCleanliness) {
  const std::string long_text(201, 'a');
  const Request too_long = with_query("q=" + long_text);
  QueryReader a(too_long);
  EXPECT_FALSE(a.text("q", {.max_bytes = 200}));
  EXPECT_EQ(error_of(a), Named("q", "q must have at most 200 characters."));
  QueryReader b(too_long);
  EXPECT_FALSE(b.text("q", {.max_bytes = 200, .too_long = "The filter is too long."}));
  EXPECT_EQ(error_of(b), Named("q", "The filter is too long."));
  QueryReader c(too_long);
  EXPECT_EQ(c.text("q", {.max_bytes = 201}), long_text);
  EXPECT_FALSE(c.error());

  // Control characters and malformed UTF-8 are refused only when the rules ask for clean text.
  for (const char* query : {"q=a%00b", "q=%C3", "q=%80", "q=a%09b", "q=%F5%80%80%80"}) {
    const Request request = with_query(query);
    QueryReader strict(request);
    EXPECT_FALSE(strict.text("q", {.clean = true})) << query;
    EXPECT_EQ(error_of(strict), Named("q", "q is not valid text.")) << query;
    QueryReader lenient(request);
    EXPECT_TRUE(lenient.text("q")) << query;
  }
  const Request accented = with_query("q=CONCEI%C3%87%C3%83O");
  QueryReader d(accented);
  EXPECT_EQ(d.text("q", {.max_bytes = 200, .clean = true}), std::optional<std::string>("CONCEIÇÃO"));
}

TEST(QueryReaderTest, PeriodIsSaoPauloDaysBothInclusive) {
  const Request request = with_query("created_from=2026-03-01&created_to=2026-03-10");
  QueryReader q(request);
  const Period period = q.period("created_from", "created_to");
  EXPECT_FALSE(q.error());
  EXPECT_EQ(period.from_us, sao_paulo_start_of_day_us(Date{2026, 3, 1}));
  EXPECT_EQ(period.to_us, sao_paulo_start_of_day_us(Date{2026, 3, 11}));

  const Request open = with_query("to=2026-03-10");
  QueryReader o(open);
  const Period to_only = o.period();
  EXPECT_FALSE(to_only.from_us);
  EXPECT_TRUE(to_only.to_us);

  const Request bad = with_query("from=2026-02-30");
  QueryReader b(bad);
  b.period();
  EXPECT_EQ(error_of(b).first, "from");
  const Request reversed = with_query("from=2026-03-12&to=2026-03-11");
  QueryReader r(reversed);
  r.period();
  EXPECT_EQ(error_of(r), Named("to", "to must not be before from."));
}

TEST(QueryReaderTest, TheFirstErrorIsTheOneAnswered) {
  const Request request = with_query("page_size=0&cursor=x&status=bad&viewed=maybe");
  QueryReader q(request);
  q.page();
  q.one_of("status", {"queued"});
  q.boolean("viewed");
  q.fail("other", "Later.");
  EXPECT_EQ(error_of(q).first, "page_size");

  const Request later = with_query("status=queued&viewed=maybe&tag=x");
  QueryReader l(later);
  EXPECT_EQ(l.one_of("status", {"queued"}), std::optional<std::string>("queued"));
  EXPECT_FALSE(l.boolean("viewed"));
  EXPECT_FALSE(l.id("tag"));
  EXPECT_EQ(error_of(l).first, "viewed");
  EXPECT_EQ(l.error()->detail, "Must be true or false.");
}

TEST(JsonPageTest, OneMoreRowThanThePageMeansANextCursor) {
  struct Item {
    Id id;
  };
  const auto render = [](const Item& item) { return "{\"id\":\"" + std::to_string(item.id) + "\"}"; };
  const auto id_of = [](const Item& item) { return item.id; };
  const std::vector<Item> three{{30}, {20}, {10}};
  EXPECT_EQ(json_page(three, 2, render, id_of).body, R"({"items":[{"id":"30"},{"id":"20"}],"next_cursor":"20"})");
  EXPECT_EQ(json_page(three, 3, render, id_of).body,
            R"({"items":[{"id":"30"},{"id":"20"},{"id":"10"}],"next_cursor":null})");
  EXPECT_EQ(json_page(std::vector<Item>{}, 50, render, id_of).body, R"({"items":[],"next_cursor":null})");
}

TEST(QueryReaderTest, ParseIdAcceptsDecimalIdsOnly) {
  EXPECT_EQ(parse_id("0"), std::optional<Id>(0));
  EXPECT_EQ(parse_id("007"), std::optional<Id>(7));
  EXPECT_EQ(parse_id("9223372036854775807"), std::optional<Id>(INT64_MAX));
  for (const char* text : {"", "9223372036854775808", "99999999999999999999", "+1", "-1", " 1", "1 ", "0x10", "1e3"}) {
    EXPECT_FALSE(parse_id(text)) << text;
  }
}

}  // namespace
}  // namespace rg::http
