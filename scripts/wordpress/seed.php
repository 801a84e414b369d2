<?php
/*
 * Seed an installed test WordPress with categories, posts and comment threads.
 *
 * Run by wpenv.py as `php seed.php SEED COMMENTS` with WORDPRESS_CONFIG and WP_HTTP_HOST set
 * (see install.php). The same seed gives the same posts, threads, texts and statuses; dates are
 * relative to now (spread over the last 30 days) so cursors like "last 30 days" always see them.
 * Comments go in through wp_insert_comment (no flood/duplicate checks, no mail) in one transaction
 * with deferred comment counting: ~4,500 comments/s instead of ~800.
 * Prints JSON describing what was made (ids by kind) for tests to use.
 */
if (PHP_SAPI !== 'cli') {
    exit(1);
}
$_SERVER['HTTP_HOST'] = getenv('WP_HTTP_HOST');
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$_SERVER['REQUEST_METHOD'] = 'GET';
function wp_mail($to, $subject, $message, $headers = '', $attachments = array()) {
    return true;
}
require '/usr/share/wordpress/wp-load.php';

$seed = isset($argv[1]) ? (int) $argv[1] : 1;
$total = isset($argv[2]) ? (int) $argv[2] : 60;
mt_srand($seed, MT_RAND_MT19937);

function pick(array $items) {
    return $items[mt_rand(0, count($items) - 1)];
}

function user_by_login($login) {
    $u = get_user_by('login', $login);
    if (!$u) {
        fwrite(STDERR, "seed.php: user $login missing; run install.php first\n");
        exit(1);
    }
    return $u;
}

$now = time();
$day = 86400;
$editor = user_by_login('editor1');
$admin = user_by_login('admin');
$subscribers = array(user_by_login('sub1'), user_by_login('sub2'), user_by_login('author1'));
$guests = array(
    array('Kari Nordmann', 'kari.nordmann@example.no'),
    array('Jonas Müller', 'jonas.mueller@example.de'),
    array('Emily Clark', 'emily.clark@example.com'),
    array('Ola Hansen', 'ola.hansen@example.no'),
    array('Lena Schmidt', 'lena.schmidt@example.de'),
    array('Raj Patel', 'raj.patel@example.com'),
);

// ---- categories and posts --------------------------------------------------------------
$categories = array();
foreach (array('News' => 'Company news and announcements', 'Workplace' => 'Office, tools and HR') as $name => $desc) {
    $term = wp_insert_term($name, 'category', array('description' => $desc));
    $categories[$name] = (int) $term['term_id'];
}

$post_specs = array(
    array('New intranet launches next week', 'News', 'editor1'),
    array('Canteen menu changes in December', 'Workplace', 'editor1'),
    array('Quarterly results: a strong autumn', 'News', 'admin'),
    array('Hybrid work policy update', 'Workplace', 'editor1'),
    array('Welcome to our new colleagues in Oslo', 'News', 'editor1'),
    array('IT: password manager roll-out', 'Workplace', 'admin'),
    array('Christmas party: save the date', 'News', 'editor1'),
    array('Parking garage closed for repairs', 'Workplace', 'editor1'),  // comments closed
);
$posts = array();
foreach ($post_specs as $i => $spec) {
    list($title, $cat, $author_login) = $spec;
    // Posts are 31-45 days old so every seeded comment can come after its post.
    $gmt = $now - (45 - $i * 2) * $day + mt_rand(0, 3600);
    $id = wp_insert_post(array(
        'post_title' => $title,
        'post_content' => "<p>$title. Read more in the full article and tell us what you think in the comments.</p>",
        'post_status' => 'publish',
        'post_author' => user_by_login($author_login)->ID,
        'post_category' => array($categories[$cat]),
        'post_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $gmt)),
        'post_date_gmt' => gmdate('Y-m-d H:i:s', $gmt),
        'comment_status' => 'open',
    ), true);
    if (is_wp_error($id)) {
        fwrite(STDERR, 'seed.php: ' . $id->get_error_message() . "\n");
        exit(1);
    }
    $posts[] = (int) $id;
}
$closed_post = $posts[count($posts) - 1];

// ---- comment plan ----------------------------------------------------------------------
$questions = array(
    'en' => array(
        'When exactly does this start? I could not find a date.',
        'Does this apply to part-time staff as well?',
        'Who should I contact if I have problems logging in?',
        'Will there be a recording for those who cannot attend?',
        'Is there a deadline for signing up?',
    ),
    'de' => array(
        'Gilt das auch für die Kolleginnen und Kollegen in München?',
        'Wo finde ich die Anleitung dazu auf Deutsch?',
        'Ab wann können wir uns dafür anmelden?',
        'Muss ich dafür etwas bei meiner Führungskraft beantragen?',
    ),
    'no' => array(
        'Gjelder dette også for oss som jobber i Bergen?',
        'Hvor kan jeg melde meg på?',
        'Når blir dette tilgjengelig for alle ansatte?',
        'Må vi gjøre noe selv, eller skjer det automatisk?',
    ),
);
$answers = array(
    'en' => array('Good question! It starts on Monday; details follow in the newsletter.', 'Yes, it applies to everyone, including part-time staff.', 'Please contact the service desk, they will help you right away.'),
    'de' => array('Ja, das gilt für alle Standorte. Die Anleitung folgt diese Woche.', 'Die Anmeldung ist ab Montag im Intranet möglich.'),
    'no' => array('Ja, dette gjelder alle kontorene våre.', 'Påmeldingen åpner på mandag, lenke kommer i nyhetsbrevet.'),
);
$thanks = array('Thanks, that helps!', 'Danke für die schnelle Antwort!', 'Tusen takk!', 'Perfect, thank you.');
$remarks = array(
    'Great news, looking forward to it.',
    'Finally! This has been on our wish list for a long time.',
    'I think the old solution worked fine, to be honest.',
    'Nice to see this <strong>happening</strong> &amp; well explained.',
    'More details here: <a href="https://intranet.example.com/faq">FAQ</a>',
    'Sounds good 👍',
    'Schöne Neuigkeiten, danke fürs Teilen.',
    'Dette var gode nyheter!',
);
$spam_texts = array(
    'Cheap watches!!! Best prices at <a href="http://spam.example.net">spam.example.net</a>',
    'Earn $5000 a week from home, click here: http://spam.example.net/earn',
    'Buy followers now, limited offer http://spam.example.net/followers',
);

$n_spam = max(3, intdiv($total, 20));
$n_trash = max(2, intdiv($total, 30));
$n_hold = max(5, intdiv($total, 10));
$n_talk = max(0, $total - $n_spam - $n_trash - $n_hold);

// Times: sorted so that a reply is always later than what it answers.
$times = array();
for ($i = 0; $i < $total; $i++) {
    $times[] = $now - mt_rand(3600, 30 * $day - 3600);
}
sort($times);

// The conversation starts with a fixed script (every kind appears at least once), then random.
$script = array('q:en', 'q:de', 'q:no', 'answer', 'thanks', 'mention', 'reply', 'q:en', 'remark');
$kinds = array();
for ($i = 0; $i < $n_talk; $i++) {
    if ($i < count($script)) {
        $kinds[] = $script[$i];
        continue;
    }
    $r = mt_rand(0, 99);
    $kinds[] = $r < 30 ? 'q:' . pick(array('en', 'en', 'de', 'no'))
        : ($r < 45 ? 'answer' : ($r < 55 ? 'thanks' : ($r < 60 ? 'mention' : ($r < 80 ? 'reply' : 'remark'))));
}
// Unapproved comments are sprinkled in at random places (never parents of anything).
foreach (array_merge(array_fill(0, $n_hold, 'hold'), array_fill(0, $n_spam, 'spam'), array_fill(0, $n_trash, 'trash')) as $k) {
    array_splice($kinds, mt_rand(0, count($kinds)), 0, array($k));
}

$open_posts = array_slice($posts, 0, -1);
$made = array(
    'questions' => array(), 'unanswered_questions' => array(), 'answers' => array(),
    'thanks' => array(), 'mentions' => array(), 'replies' => array(), 'remarks' => array(),
    'hold' => array(), 'spam' => array(), 'trash' => array(),
);
$open_questions = array();   // id => array(post, lang, author key)
$answered = array();         // answer id => array(post, asker author key, question id)
$approved_ids = array();     // id => post
$all = array();              // id => row, for depth bookkeeping
$depth = array();

function commenter($who) {
    // $who: WP_User or array(name, email)
    if ($who instanceof WP_User) {
        return array('user_id' => $who->ID, 'comment_author' => $who->display_name,
            'comment_author_email' => $who->user_email, 'comment_author_url' => '');
    }
    return array('user_id' => 0, 'comment_author' => $who[0], 'comment_author_email' => $who[1],
        'comment_author_url' => '');
}

function any_commenter($subscribers, $guests) {
    return mt_rand(0, 1) ? pick($subscribers) : pick($guests);
}

global $wpdb;
$wpdb->query('START TRANSACTION');
wp_defer_comment_counting(true);

foreach ($kinds as $i => $kind) {
    $gmt = $times[$i];
    $post = $closed_post;
    // The closed post keeps a couple of old comments from before it was closed.
    if ($i >= 2) {
        $post = pick($open_posts);
    }
    $parent = 0;
    $status = '1';
    $lang = null;
    $who = null;
    if (strncmp($kind, 'q:', 2) === 0) {
        $lang = substr($kind, 2);
        $who = any_commenter($subscribers, $guests);
        $content = pick($questions[$lang]);
        $kind = 'questions';
    } elseif ($kind === 'answer' && $open_questions) {
        $qid = pick(array_keys($open_questions));
        list($post, $lang, $asker) = $open_questions[$qid];
        unset($open_questions[$qid]);
        $parent = $qid;
        $who = $editor;
        $content = pick($answers[$lang]);
        $kind = 'answers';
    } elseif ($kind === 'thanks' && $answered) {
        $aid = pick(array_keys($answered));
        list($post, $asker) = $answered[$aid];
        unset($answered[$aid]);
        $parent = $aid;
        $who = $asker;
        $content = pick($thanks);
        $kind = 'thanks';
    } elseif ($kind === 'mention') {
        $who = pick($subscribers);
        $content = '@editor1 ' . pick(array('could you take a look at this?', 'kannst du das bitte prüfen?', 'kan du se på dette?'));
        $kind = 'mentions';
    } elseif ($kind === 'reply' && $approved_ids) {
        $parent = pick(array_keys($approved_ids));
        $post = $approved_ids[$parent];
        if ($depth[$parent] >= 4) {      // thread_comments_depth is 5
            $parent = 0;
        }
        $who = any_commenter($subscribers, $guests);
        $content = pick(array('I agree with this.', 'Same question here.', 'Geht mir genauso.', 'Enig!'));
        $kind = $parent ? 'replies' : 'remarks';
    } elseif ($kind === 'hold') {
        $who = array(pick(array('New Colleague', 'Anna Berg', 'Tom Weber')), 'new' . $i . '@example.com');
        $content = pick(array_merge($questions['en'], $questions['no'], $remarks));
        $status = '0';
    } elseif ($kind === 'spam') {
        $who = array('Best Deals ' . $i, 'deals' . $i . '@spam.example.net');
        $content = pick($spam_texts);
        $status = 'spam';
    } elseif ($kind === 'trash') {
        $who = pick($guests);
        $content = pick(array('asdf test', 'Oops, posted twice.', 'Wrong thread, sorry.'));
        $status = 'trash';
    } else {
        $who = any_commenter($subscribers, $guests);
        $content = pick($remarks);
        $kind = 'remarks';
    }

    $data = array_merge(commenter($who), array(
        'comment_post_ID' => $post,
        'comment_parent' => $parent,
        'comment_content' => $content,
        'comment_approved' => $status,
        'comment_type' => 'comment',
        'comment_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $gmt)),
        'comment_date_gmt' => gmdate('Y-m-d H:i:s', $gmt),
        'comment_author_IP' => '127.0.0.1',
        'comment_agent' => 'dialogue-desk-seed',
    ));
    $id = wp_insert_comment(wp_slash($data));
    if (!$id) {
        $wpdb->query('ROLLBACK');
        fwrite(STDERR, "seed.php: wp_insert_comment failed: {$wpdb->last_error}\n");
        exit(1);
    }
    if ($status === 'trash') {
        // What wp_trash_comment() records, so untrash restores "approved".
        add_comment_meta($id, '_wp_trash_meta_status', '1');
        add_comment_meta($id, '_wp_trash_meta_time', $gmt);
    }
    $depth[$id] = $parent ? $depth[$parent] + 1 : 1;
    $made[$kind][] = $id;
    if ($status === '1') {
        $approved_ids[$id] = $post;
        if ($kind === 'questions') {
            $open_questions[$id] = array($post, $lang, $who);
        } elseif ($kind === 'answers') {
            $answered[$id] = array($post, $asker, $parent);
        }
    }
}

wp_defer_comment_counting(false);   // recounts every touched post
$wpdb->query('COMMIT');

// Close comments on the last post only now: wp_insert_comment does not check, REST does.
wp_update_post(array('ID' => $closed_post, 'comment_status' => 'closed'));

$made['unanswered_questions'] = array_keys($open_questions);
$counts = array();
foreach (array('approved' => '1', 'hold' => '0', 'spam' => 'spam', 'trash' => 'trash') as $name => $value) {
    $counts[$name] = (int) $wpdb->get_var($wpdb->prepare(
        "SELECT COUNT(*) FROM $wpdb->comments WHERE comment_approved = %s", $value
    ));
}
echo json_encode(array(
    'seed' => $seed,
    'categories' => $categories,
    'posts' => $posts,
    'closed_post' => $closed_post,
    'comment_counts' => $counts,
    'comments' => $made,
), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE), "\n";
