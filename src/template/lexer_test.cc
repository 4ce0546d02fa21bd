#include "template/lexer.h"

#include <gtest/gtest.h>

namespace periscope::tmpl {
namespace {

std::vector<Tok> types(std::string_view text) {
  std::vector<Tok> out;
  for (const Token& t : lex(text)) {
    out.push_back(t.type);
  }
  return out;
}

TEST(TmplLexer, TextAndActionTokens) {
  EXPECT_EQ(types("a{{ .X | f $v }}"),
            (std::vector<Tok>{Tok::kText, Tok::kLeftDelim, Tok::kSpace, Tok::kField, Tok::kSpace,
                              Tok::kPipe, Tok::kSpace, Tok::kIdentifier, Tok::kSpace,
                              Tok::kVariable, Tok::kSpace, Tok::kRightDelim, Tok::kEof}));
}
TEST(TmplLexer, KeywordsLiteralsAndDeclarations) {
  EXPECT_EQ(types("{{range $i, $v := .}}"),
            (std::vector<Tok>{Tok::kLeftDelim, Tok::kKeyword, Tok::kSpace, Tok::kVariable,
                              Tok::kComma, Tok::kSpace, Tok::kVariable, Tok::kSpace, Tok::kDeclare,
                              Tok::kSpace, Tok::kDot, Tok::kRightDelim, Tok::kEof}));
  EXPECT_EQ(types("{{nil true 'a' `r` \"s\" 1.5}}")[1], Tok::kNil);
}
TEST(TmplLexer, TrimMarkersTrimNeighbouringText) {
  std::vector<Token> t = lex("a \n{{- 1 -}}\t b");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].text, "a");
  EXPECT_EQ(t[2].type, Tok::kNumber);
  EXPECT_EQ(t[4].text, "b");
}
TEST(TmplLexer, CommentsVanish) {
  EXPECT_EQ(types("a{{/* x */}}b"), (std::vector<Tok>{Tok::kText, Tok::kText, Tok::kEof}));
}
TEST(TmplLexer, FieldChainIsSeveralFieldTokens) {
  std::vector<Token> t = lex("{{.A.B}}");
  EXPECT_EQ(t[1].text, ".A");
  EXPECT_EQ(t[2].text, ".B");
}
TEST(TmplLexer, NewlinesAllowedInsideActions) { EXPECT_EQ(types("{{.A\n}}").back(), Tok::kEof); }
TEST(TmplLexer, TracksLines) {
  std::vector<Token> t = lex("a\nb{{.X}}");
  EXPECT_EQ(t[2].line, 2);
}
TEST(TmplLexer, ErrorsEndTheStream) {
  std::vector<Token> t = lex("{{ @ }}");
  EXPECT_EQ(t.back().type, Tok::kError);
  EXPECT_EQ(t.back().text, "unrecognized character in action: '@'");
}

}  // namespace
}  // namespace periscope::tmpl
