// covers ACC-09 (the document upload route's own 10 MiB body cap while every other route keeps
// the server's): Route::body_bytes_max, the lookup by method and path the server makes after
// reading a request head, and the copy attach_exports makes of a router.
#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"

namespace rg::http {
namespace {

Response ok(Request&) { return Response::text(200, "ok"); }

TEST(RouterBodyCap, ARouteCapIsFoundByMethodAndPath_ACC09) {
  Router router;
  router.add("GET", "/api/v1/customers/{id}", "customers.read", "One", ok);
  router.add("POST", "/api/v1/customers/{id}/documents", "customers.documents", "Upload", ok).body_bytes_max =
      limits::customer_document_bytes_max;
  router.add("GET", "/api/v1/customers/{id}/documents", "customers.read", "List", ok);
  EXPECT_EQ(router.body_bytes_max("POST", "/api/v1/customers/42/documents"), limits::customer_document_bytes_max);
  EXPECT_EQ(router.body_bytes_max("GET", "/api/v1/customers/42/documents"), 0u) << "same path, other method";
  EXPECT_EQ(router.body_bytes_max("POST", "/api/v1/customers/42"), 0u) << "no such route";
  EXPECT_EQ(router.body_bytes_max("POST", "/api/v1/customers//documents"), 0u) << "an empty parameter matches nothing";
  EXPECT_EQ(router.body_bytes_max("PUT", "/nowhere"), 0u);

  Router copy;
  for (const auto& route : router.routes()) copy.add(route);
  EXPECT_EQ(copy.body_bytes_max("POST", "/api/v1/customers/7/documents"), limits::customer_document_bytes_max)
      << "a copied route keeps its cap";
}

TEST(RouterBodyCap, ThePipelineIgnoresTheQueryString_ACC09) {
  Router router;
  router.add("POST", "/api/v1/customers/{id}/documents", "customers.documents", "Upload", ok).body_bytes_max = 123;
  Metrics metrics;
  Pipeline pipeline(router, metrics, nullptr);
  EXPECT_EQ(pipeline.body_bytes_max("POST", "/api/v1/customers/1/documents?kind=selfie&file_name=a.png"), 123u);
  EXPECT_EQ(pipeline.body_bytes_max("POST", "/api/v1/customers/1/documents"), 123u);
  EXPECT_EQ(pipeline.body_bytes_max("POST", "/api/v1/customers/1?x=/documents"), 0u);
}

}  // namespace
}  // namespace rg::http
