<?php
/*
 * Install WordPress into the empty database named by the config file, without browser or wp-cli.
 *
 * Run by wpenv.py as `php install.php` with the environment variables
 *   WORDPRESS_CONFIG  config name (/etc/wordpress/config-NAME.php)
 *   WP_HTTP_HOST      127.0.0.1:PORT (Debian's wp-config.php reads $_SERVER['HTTP_HOST'])
 * and on stdin a JSON object {"title": ..., "timezone": ..., "users": {login: {"role", "password",
 * "display_name", "email"}}}; the user "admin" becomes the site administrator.
 * Prints JSON: {login: {"id", "role", "app_password"}}.
 */
if (PHP_SAPI !== 'cli') {
    exit(1);
}
$_SERVER['HTTP_HOST'] = getenv('WP_HTTP_HOST');
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$_SERVER['REQUEST_METHOD'] = 'GET';
define('WP_INSTALLING', true);

// There is no MTA here; wp_install() would mail the admin and print "sendmail: not found".
function wp_mail($to, $subject, $message, $headers = '', $attachments = array()) {
    return true;
}

$spec = json_decode(stream_get_contents(STDIN), true, 16, JSON_THROW_ON_ERROR);

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

$admin = $spec['users']['admin'];
$result = wp_install($spec['title'], 'admin', $admin['email'], true, '', $admin['password'], 'en_US');
$admin_id = (int) $result['user_id'];
wp_update_user(array('ID' => $admin_id, 'display_name' => $admin['display_name']));

// wp_install() adds a sample post with a comment and a sample page; the seed wants a clean slate.
foreach (get_posts(array('post_type' => array('post', 'page'), 'post_status' => 'any', 'numberposts' => -1)) as $p) {
    wp_delete_post($p->ID, true);
}

$options = array(
    'timezone_string' => $spec['timezone'],
    'gmt_offset' => '',
    'permalink_structure' => '/%postname%/',
    'comment_moderation' => 0,          // no blanket moderation ...
    'comment_previously_approved' => 1, // ... but a new commenter's first comment is held
    'comment_registration' => 0,
    'require_name_email' => 1,
    'thread_comments' => 1,
    'thread_comments_depth' => 5,
    'comments_per_page' => 50,
    'default_comment_status' => 'open',
    'close_comments_for_old_posts' => 0,
    'comment_max_links' => 2,
    'blog_public' => 0,
);
foreach ($options as $name => $value) {
    update_option($name, $value);
}

$out = array();
foreach ($spec['users'] as $login => $u) {
    if ($login === 'admin') {
        $id = $admin_id;
    } else {
        $id = wp_insert_user(array(
            'user_login' => $login,
            'user_pass' => $u['password'],
            'user_email' => $u['email'],
            'display_name' => $u['display_name'],
            'nickname' => $login,
            'role' => $u['role'],
        ));
        if (is_wp_error($id)) {
            fwrite(STDERR, "install.php: cannot create user $login: " . $id->get_error_message() . "\n");
            exit(1);
        }
    }
    list($app_password) = WP_Application_Passwords::create_new_application_password(
        $id, array('name' => 'dialogue-desk-tests')
    );
    $out[$login] = array('id' => (int) $id, 'role' => $u['role'], 'app_password' => $app_password);
}

flush_rewrite_rules(false);
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE), "\n";
