#include "banking/customers/demo.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "core/documents.hpp"
#include "identity/password_policy.hpp"

namespace rg::customers {

namespace {

std::uint32_t crc32(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

void png_chunk(std::string& out, const char* type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  const std::string typed = std::string(type) + data;
  out += typed;
  put32(out, crc32(typed));
}

struct DemoPerson {
  const char* body;  // the CPF's first 9 digits
  const char* name;
  const char* social_name;
  const char* birth_date;
  const char* mother;
  const char* occupation;
  const char* phone;
  std::int64_t income_cents;
  const char* cep;
  const char* street;
  const char* number;
  const char* district;
  const char* city;
  const char* uf;
};

const DemoPerson people[] = {
    {"123456789", "Ana Beatriz Carvalho", "", "1988-03-14", "Marta Carvalho", "Engenheira civil", "(11) 98123-4567",
     1'250'000, "01310-100", "Avenida Paulista", "1578", "Bela Vista", "São Paulo", "SP"},
    {"234567891", "João Pedro Albuquerque", "", "1979-11-02", "Lúcia Albuquerque", "Médico", "(21) 99876-5432",
     2'800'000, "22041-001", "Avenida Atlântica", "2364", "Copacabana", "Rio de Janeiro", "RJ"},
    {"345678912", "Mariana Gonçalves Souza", "", "1995-07-21", "Cláudia Gonçalves", "Analista de sistemas",
     "(31) 98765-1234", 780'000, "30130-010", "Avenida Afonso Pena", "867", "Centro", "Belo Horizonte", "MG"},
    {"456789123", "Carlos Eduardo Lima", "", "1983-01-30", "Teresa Lima", "Professor", "(41) 99654-3210", 560'000,
     "80020-310", "Rua XV de Novembro", "300", "Centro", "Curitiba", "PR"},
    {"567891234", "Fernanda Ribeiro Alves", "", "1990-09-09", "Sônia Ribeiro", "Advogada", "(51) 98432-1098",
     1'430'000, "90010-150", "Rua dos Andradas", "1234", "Centro Histórico", "Porto Alegre", "RS"},
    {"678912345", "Rafael Henrique Moreira", "", "1986-05-17", "Ivone Moreira", "Comerciante", "(71) 99321-0987",
     690'000, "40020-000", "Avenida Sete de Setembro", "45", "Centro", "Salvador", "BA"},
    {"789123456", "Juliana Martins Pereira", "", "1998-12-25", "Rosana Martins", "Designer", "(81) 98210-9876",
     480'000, "50010-240", "Rua da Aurora", "175", "Boa Vista", "Recife", "PE"},
    {"891234567", "Lucas Fernandes Rocha", "", "2001-04-03", "Patrícia Fernandes", "Estudante", "(85) 99109-8765",
     150'000, "60060-170", "Rua Senador Pompeu", "834", "Centro", "Fortaleza", "CE"},
    {"912345678", "Roberta Castro Nunes", "Beto Castro", "1992-08-12", "Helena Castro", "Cabeleireira",
     "(61) 98098-7654", 320'000, "70040-010", "SBS Quadra 2", "Bloco E", "Asa Sul", "Brasília", "DF"},
    {"135792468", "Antônio Sérgio Teixeira", "", "1961-02-28", "Maria José Teixeira", "Aposentado",
     "(62) 99987-6543", 410'000, "74015-010", "Avenida Goiás", "512", "Setor Central", "Goiânia", "GO"},
    {"246813579", "Patrícia Oliveira Dias", "", "1975-06-06", "Ângela Oliveira", "Contadora", "(92) 98876-5432",
     950'000, "69010-060", "Avenida Eduardo Ribeiro", "620", "Centro", "Manaus", "AM"},
    {"975318642", "Thiago Barbosa Campos", "", "1993-10-19", "Fátima Barbosa", "Motorista de aplicativo",
     "(48) 99765-4321", 380'000, "88010-400", "Rua Felipe Schmidt", "249", "Centro", "Florianópolis", "SC"},
    {"864297531", "Camila Araújo Monteiro", "", "1987-03-01", "Regina Araújo", "Farmacêutica", "(27) 98654-3210",
     820'000, "29010-120", "Avenida Jerônimo Monteiro", "1000", "Centro", "Vitória", "ES"},
    {"192837465", "Gustavo Henrique Pires", "", "1980-07-07", "Neusa Pires", "Empresário", "(19) 99543-2109",
     3'500'000, "13010-111", "Rua Barão de Jaguara", "1481", "Centro", "Campinas", "SP"},
    {"564738291", "Isabela Cristina Freitas", "", "1999-01-15", "Sandra Freitas", "Enfermeira", "(98) 98432-1098",
     520'000, "65010-070", "Rua Grande", "220", "Centro", "São Luís", "MA"},
};

struct DemoCompany {
  std::string body;  // the CNPJ's first 12 characters
  const char* name;
  const char* trade_name;
  const char* founding_date;
  const char* size;
  const char* email;
  const char* phone;
  std::int64_t revenue_cents;
  const char* cep;
  const char* street;
  const char* number;
  const char* district;
  const char* city;
  const char* uf;
};

}  // namespace

std::string tiny_png(int width, int height, unsigned char r, unsigned char g, unsigned char b) {
  std::string raw;
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    for (int x = 0; x < width; ++x) raw += {static_cast<char>(r), static_cast<char>(g), static_cast<char>(b)};
  }
  // zlib stream of stored (uncompressed) deflate blocks, then Adler-32.
  std::string z = "\x78\x01";
  for (std::size_t at = 0; at < raw.size() || at == 0; at += 65535) {
    const auto n = static_cast<std::uint16_t>(std::min<std::size_t>(65535, raw.size() - at));
    const bool last = at + n >= raw.size();
    z += static_cast<char>(last ? 1 : 0);
    z += {static_cast<char>(n & 0xFF), static_cast<char>(n >> 8), static_cast<char>(~n & 0xFF),
          static_cast<char>((~n >> 8) & 0xFF)};
    z += raw.substr(at, n);
    if (last) break;
  }
  std::uint32_t a = 1, s = 0;
  for (const unsigned char c : raw) {
    a = (a + c) % 65521;
    s = (s + a) % 65521;
  }
  put32(z, (s << 16) | a);
  std::string header;
  put32(header, static_cast<std::uint32_t>(width));
  put32(header, static_cast<std::uint32_t>(height));
  header += {8, 2, 0, 0, 0};  // 8-bit RGB, deflate, no filter, no interlace
  std::string png = "\x89PNG\r\n\x1a\n";
  png_chunk(png, "IHDR", header);
  png_chunk(png, "IDAT", z);
  png_chunk(png, "IEND", "");
  return png;
}

std::string tiny_pdf(const std::string& text) {
  std::string safe;
  for (const char c : text) {
    if (c == '(' || c == ')' || c == '\\') safe += '\\';
    safe += c;
  }
  const std::string stream = "BT /F1 14 Tf 72 720 Td (" + safe + ") Tj ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
      ">>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const auto offset : offsets) {
    const auto digits = std::to_string(offset);
    pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

bool load_demo_customers(CustomerService& service, const audit::Entry& who, std::ostream& out) {
  const auto fail = [&](const std::string& what, const Error& e) {
    out << "demo: customers: " << what << ": " << e.detail << "\n";
    return false;
  };
  std::map<std::string, Id> ids;  // by name
  for (const auto& p : people) {
    CustomerInput in;
    in.kind = kind_pf;
    in.document = complete_cpf(p.body);
    in.name = p.name;
    if (*p.social_name) in.social_name = p.social_name;
    in.birth_date = p.birth_date;
    in.mother_name = p.mother;
    in.occupation = p.occupation;
    const std::string first = identity::fold_accents_and_case(std::string(p.name).substr(0, std::string(p.name).find(' ')));
    in.email = first + "." + std::to_string(ids.size() + 1) + "@exemplo.com.br";
    in.phone = p.phone;
    in.monthly_income_cents = p.income_cents;
    in.cep = p.cep;
    in.street = p.street;
    in.number = p.number;
    in.district = p.district;
    in.city = p.city;
    in.uf = p.uf;
    auto created = service.create(who, in);
    if (!created) return fail(p.name, created.error());
    ids[p.name] = created->id;
  }
  const DemoCompany companies[] = {
      {"112223330001", "Aurora Participações S.A.", "Aurora Holding", "2009-04-15", "demais",
       "financeiro@aurorapar.com.br", "(11) 3265-4000", 180'000'000, "04538-133", "Avenida Brigadeiro Faria Lima",
       "3477", "Itaim Bibi", "São Paulo", "SP"},
      {"456789010001", "Padaria Pão Dourado Ltda.", "Pão Dourado", "2015-08-03", "me", "contato@paodourado.com.br",
       "(31) 3222-1100", 9'500'000, "30140-071", "Rua da Bahia", "1148", "Lourdes", "Belo Horizonte", "MG"},
      {"12ABC34501DE", "Tech Aurora Sistemas Ltda.", "TechAurora", "2026-07-20", "epp", "ola@techaurora.com.br",
       "(41) 3030-2020", 42'000'000, "80250-104", "Avenida Sete de Setembro", "4698", "Batel", "Curitiba", "PR"},
      {"987654320001", "Isabela Freitas Confeitaria MEI", "Doces da Isa", "2021-02-10", "mei",
       "docesdaisa@exemplo.com.br", "(98) 98432-1098", 650'000, "65010-070", "Rua Grande", "220", "Centro",
       "São Luís", "MA"},
  };
  std::map<std::string, Customer> firms;
  for (const auto& c : companies) {
    CustomerInput in;
    in.kind = kind_pj;
    in.document = complete_cnpj(c.body);
    in.name = c.name;
    in.trade_name = c.trade_name;
    in.founding_date = c.founding_date;
    in.company_size = c.size;
    in.email = c.email;
    in.phone = c.phone;
    in.monthly_revenue_cents = c.revenue_cents;
    in.cep = c.cep;
    in.street = c.street;
    in.number = c.number;
    in.district = c.district;
    in.city = c.city;
    in.uf = c.uf;
    auto created = service.create(who, in);
    if (!created) return fail(c.name, created.error());
    firms[c.trade_name] = *created;
  }
  const auto cpf_of = [](const char* name) {
    for (const auto& p : people) {
      if (std::string(p.name) == name) return complete_cpf(p.body);
    }
    return std::string();
  };
  struct DemoPartner {
    const char* company;
    std::string document;
    const char* name;
    std::int64_t share_bps;
    const char* role;
    bool representative;
    const char* joined_on;
  };
  const DemoPartner partners[] = {
      {"Aurora Holding", cpf_of("Gustavo Henrique Pires"), "Gustavo Henrique Pires", 6000, "socio_administrador", true,
       "2009-04-15"},
      {"Aurora Holding", cpf_of("Patrícia Oliveira Dias"), "Patrícia Oliveira Dias", 4000, "socio", false,
       "2012-01-10"},
      {"Pão Dourado", cpf_of("Rafael Henrique Moreira"), "Rafael Henrique Moreira", 5000, "socio_administrador", true,
       "2015-08-03"},
      {"Pão Dourado", cpf_of("Camila Araújo Monteiro"), "Camila Araújo Monteiro", 5000, "socio", false, "2015-08-03"},
      // The holding is itself a customer: the console follows the chain.
      {"TechAurora", firms["Aurora Holding"].document, "Aurora Participações S.A.", 7000, "socio", false, "2026-07-20"},
      {"TechAurora", cpf_of("Mariana Gonçalves Souza"), "Mariana Gonçalves Souza", 3000, "socio_administrador", true,
       "2026-07-20"},
      {"TechAurora", complete_cpf("111444777"), "Eduardo Tavares Nogueira", 0, "diretor", true, "2026-08-01"},
      {"Doces da Isa", cpf_of("Isabela Cristina Freitas"), "Isabela Cristina Freitas", 10000, "socio_administrador",
       true, "2021-02-10"},
  };
  for (const auto& p : partners) {
    PartnerInput in;
    in.document = p.document;
    in.name = p.name;
    in.share_bps = p.share_bps;
    in.role = p.role;
    in.legal_representative = p.representative;
    in.joined_on = p.joined_on;
    auto added = service.add_partner(who, firms[p.company].id, in);
    if (!added) return fail(std::string("partner ") + p.name, added.error());
  }
  struct DemoDocument {
    Id customer;
    const char* kind;
    const char* file_name;
    bool pdf;
    const char* outcome;  // pending | approved | rejected
  };
  const DemoDocument documents[] = {
      {ids["Ana Beatriz Carvalho"], "identity", "cnh-ana.pdf", true, "approved"},
      {ids["Ana Beatriz Carvalho"], "selfie", "selfie-ana.png", false, "approved"},
      {ids["Ana Beatriz Carvalho"], "proof_of_address", "conta-de-luz.pdf", true, "pending"},
      {ids["João Pedro Albuquerque"], "identity", "rg-joao.pdf", true, "rejected"},
      {ids["João Pedro Albuquerque"], "proof_of_income", "holerite-outubro.pdf", true, "pending"},
      {firms["Aurora Holding"].id, "articles_of_association", "contrato-social.pdf", true, "approved"},
      {firms["TechAurora"].id, "company_registration", "cartao-cnpj.pdf", true, "pending"},
  };
  for (const auto& d : documents) {
    const auto bytes = d.pdf ? tiny_pdf(std::string("Documento de demonstracao: ") + d.file_name)
                             : tiny_png(48, 48, 0x1f, 0x6f, 0xeb);
    auto uploaded = service.upload(who, d.customer, d.kind, d.file_name, bytes);
    if (!uploaded) return fail(d.file_name, uploaded.error());
    if (std::string(d.outcome) == "pending") continue;
    const bool approve = std::string(d.outcome) == "approved";
    auto reviewed = service.review(who, d.customer, uploaded->id, approve,
                                   approve ? "" : "Documento ilegível: envie uma foto nítida, sem reflexos.");
    if (!reviewed) return fail(d.file_name, reviewed.error());
  }
  return true;
}

}  // namespace rg::customers
