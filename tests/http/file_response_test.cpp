// covers PLT-09 — http::file_response: a download body that is an open file, not a string.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/ids.hpp"
#include "http/request.hpp"

namespace rg::http {
namespace {

namespace fs = std::filesystem;

class FileResponseTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(dir_); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  static std::string read_all(const FileBody& file) {
    std::string out(file.size(), '\0');
    EXPECT_EQ(::pread(file.fd(), out.data(), out.size(), 0), static_cast<ssize_t>(out.size()));
    return out;
  }

  fs::path dir_ = fs::temp_directory_path() / ("rg-file-response-" + random_hex(6));
};

TEST_F(FileResponseTest, PLT09_ARegularFileBecomesAFileBodyWithItsSizeAndHeaders) {
  const std::string content(200'000, 'x');
  auto response = file_response(write("a.csv", content), "text/csv; charset=utf-8", "audit_2026-12-01_1405.csv");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(response->body.empty());
  ASSERT_TRUE(response->file);
  EXPECT_EQ(response->file->size(), content.size());
  EXPECT_EQ(response->body_size(), content.size());
  EXPECT_EQ(response->header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(response->header("Content-Disposition"), "attachment; filename=\"audit_2026-12-01_1405.csv\"");
  EXPECT_EQ(read_all(*response->file), content);
}

TEST_F(FileResponseTest, PLT09_TheOpenFileOutlivesItsNameAndKeepsItsSizeAtOpening) {
  const std::string path = write("b.csv", "first version\n");
  auto response = file_response(path, "text/csv", "");
  ASSERT_TRUE(response.ok());
  EXPECT_TRUE(response->header("Content-Disposition").empty());
  // Deleted (the expiry job, or the scratch file of an immediate export) and a new file in its
  // place: what was opened is what is sent.
  fs::remove(path);
  write("b.csv", "a different and longer version\n");
  EXPECT_EQ(response->file->size(), 14u);
  EXPECT_EQ(read_all(*response->file), "first version\n");
  // Copies share the descriptor; the last one closes it.
  const int fd = response->file->fd();
  {
    Response copy = *response;
    response->file.reset();
    EXPECT_EQ(::fcntl(fd, F_GETFD), FD_CLOEXEC);
  }
  EXPECT_EQ(::fcntl(fd, F_GETFD), -1);
}

TEST_F(FileResponseTest, PLT09_MissingFilesAndFoldersAreNotFoundWithoutAServerPath) {
  auto missing = file_response((dir_ / "nope.csv").string(), "text/csv", "x.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().detail.find(dir_.string()), std::string::npos);
  EXPECT_EQ(file_response((dir_ / "nope" / "x.csv").string(), "text/csv", "").error().code, ErrorCode::not_found);
  EXPECT_EQ(file_response(dir_.string(), "text/csv", "").error().code, ErrorCode::not_found);
}

TEST_F(FileResponseTest, PLT09_TheDownloadNameCannotBreakTheHeader) {
  auto response = file_response(write("c.csv", ""), "text/csv", "a\"b\\c\r\nSet-Cookie: x;ção.csv");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->file->size(), 0u);
  EXPECT_EQ(response->header("Content-Disposition"), "attachment; filename=\"a_b_c__Set-Cookie: x;____o.csv\"");
}

}  // namespace
}  // namespace rg::http
