import type { FastifyInstance } from 'fastify';

/**
 * The privacy statement and terms of use that the Teams manifest links to (`developer.privacyUrl`,
 * `developer.termsOfUseUrl`). Static Japanese HTML with an external stylesheet: the CSP allows no
 * inline script or style. The wording names the operating organisation generically so a tenant can
 * deploy it unchanged; an organisation with its own policy links that instead (docs/operations.md).
 */

const page = (title: string, body: string): string => `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}｜職員提案・アクションスタンプ</title>
<link rel="stylesheet" href="/legal.css">
</head>
<body>
<main>
<h1>${title}</h1>
${body}
<p class="links"><a href="/privacy">プライバシーに関する説明</a> ・ <a href="/terms">利用規約</a></p>
</main>
</body>
</html>
`;

const privacyHtml = page(
  'プライバシーに関する説明',
  `<p>「職員提案・アクションスタンプ」（以下「本アプリ」）は、本アプリを導入した組織（以下「運用者」）が、
職員提案の受付・検討状況の共有と、職員同士のアクションスタンプの送付のために運用する Microsoft Teams アプリです。</p>

<h2>取り扱う情報</h2>
<ul>
<li>Microsoft Entra ID の利用者 ID（オブジェクト ID）、テナント ID、表示名、メールアドレス</li>
<li>所属（Microsoft Graph の所属部署情報、または利用者が選んだ所属）</li>
<li>利用者が入力した提案の内容、共同提案者、回答、検討状況とその変更履歴</li>
<li>送受信したアクションスタンプとメッセージ</li>
<li>Teams からの通知に必要な会話の参照情報（会話 ID など）</li>
<li>不正利用の防止と障害調査のための通信記録（日時、IP アドレス、要求 ID）</li>
</ul>

<h2>利用目的</h2>
<ul>
<li>提案の受付、検討、回答、実現状況の公開</li>
<li>提案の状況変化やアクションスタンプを Teams でお知らせすること</li>
<li>提案件数・スタンプ件数など、取組の効果測定のための集計</li>
<li>本アプリの安全な運用と障害への対応</li>
</ul>

<h2>保存場所と閲覧できる人</h2>
<p>情報は運用者が管理するデータベース（運用者の Azure 環境）に保存され、運用者の外部には提供しません。
提案の内容と検討状況は、提案者本人（共同提案者を含む）と、業務改善の推進を担当する部署（推進室）、提案が割り当てられた所管課の担当者が閲覧します。
推進室が公開した提案は、状況・回答・履歴（何がいつ変わったか）を職員全員が閲覧できます。
推進室や所管課の内部メモと回答の下書きは、推進室と割り当てられた所管課の担当者だけが閲覧し、提案者には表示しません。
推進室の担当者の氏名は、推進室が署名して回答した場合に限り、提案者などに表示します。
アクションスタンプは、送り手と受け手が閲覧できるほか、所属別・月別の件数として集計されます。</p>

<h2>保存期間</h2>
<p>提案とその履歴は、運用者の文書管理の定めに従って保存します。配信できなかった通知は 30 日で破棄します。</p>

<h2>お問い合わせ</h2>
<p>本アプリでの情報の取り扱いについては、運用者の担当部署（推進室）にお問い合わせください。</p>`,
);

const termsHtml = page(
  '利用規約',
  `<p>この規約は、「職員提案・アクションスタンプ」（以下「本アプリ」）の利用について定めます。
本アプリを利用した職員は、この規約に同意したものとみなします。</p>

<h2>利用できる人</h2>
<p>本アプリは、運用者の Microsoft 365 テナントに所属する職員が業務のために利用できます。</p>

<h2>提案とスタンプ</h2>
<ul>
<li>提案には、業務改善につながる具体的な内容を記載してください。</li>
<li>個人を誹謗中傷する内容、個人情報・機密情報、法令や服務規律に反する内容は送らないでください。</li>
<li>アクションスタンプは、同僚への感謝・称賛や 1on1 のお誘いのために使ってください。</li>
<li>提案の検討状況、回答、所管課の割り当ては推進室が判断します。</li>
</ul>

<h2>提案の取り扱い</h2>
<p>提案は、運用者の業務改善のために検討・公開・活用されます。提案者は、その目的での利用に同意するものとします。</p>

<h2>サービスの変更・停止</h2>
<p>運用者は、保守や障害対応のため、予告なく本アプリの全部または一部を変更・停止することがあります。</p>

<h2>お問い合わせ</h2>
<p>本アプリについてのお問い合わせは、運用者の担当部署（推進室）までお寄せください。</p>`,
);

const css = `body{margin:0;font-family:"Segoe UI","Yu Gothic UI","Meiryo",sans-serif;line-height:1.8;color:#242424;background:#fafafa}
main{max-width:46rem;margin:0 auto;padding:2rem 1.25rem;background:#fff}
h1{font-size:1.5rem;border-bottom:3px solid #1f6fb2;padding-bottom:.5rem}
h2{font-size:1.15rem;margin-top:2rem}
a{color:#1f6fb2}
.links{margin-top:3rem;font-size:.9rem}
`;

// Cached briefly by browsers and proxies: the text changes only with a new release.
const cacheControl = 'public, max-age=3600';

export const legalRoutes = async (app: FastifyInstance) => {
  app.get('/privacy', (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', cacheControl).send(privacyHtml),
  );
  app.get('/terms', (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', cacheControl).send(termsHtml),
  );
  app.get('/legal.css', (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', cacheControl).send(css),
  );
};
