<?php
/*
 * Router for `php -S 127.0.0.1:PORT -t /usr/share/wordpress router.php`.
 *
 * Two reasons it exists:
 *  - Debian's wp-config.php picks /etc/wordpress/config-$_SERVER['WORDPRESS_CONFIG'].php, but under
 *    php -S an environment variable never reaches $_SERVER. Copying it here lets several instances
 *    (one config file each) run side by side on 127.0.0.1 with different ports.
 *  - php -S treats a missing path whose last segment contains a dot as a file and answers 404
 *    (e.g. /wp-json/oembed/1.0/embed); sending every missing path to index.php fixes that.
 */
$config = getenv('WORDPRESS_CONFIG');
if ($config !== false && $config !== '') {
    $_SERVER['WORDPRESS_CONFIG'] = $config;
}

$docroot = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
$target = realpath($docroot . $path);
$inside = $target !== false && strncmp($target, $docroot . '/', strlen($docroot) + 1) === 0;

if ($inside && is_file($target)) {
    if (substr($target, -4) !== '.php') {
        return false;  // static file: php -S serves it
    }
    // A PHP file (wp-login.php, wp-admin/...): run it here so it sees WORDPRESS_CONFIG.
    $script = substr($target, strlen($docroot));
} elseif ($inside && is_dir($target) && is_file($target . '/index.php')) {
    $script = rtrim(substr($target, strlen($docroot)), '/') . '/index.php';
    $target = $target . '/index.php';
} else {
    // Pretty permalinks and /wp-json/...: WordPress routes them from index.php.
    $script = '/index.php';
    $target = $docroot . '/index.php';
}

$_SERVER['SCRIPT_NAME'] = $script;
$_SERVER['PHP_SELF'] = $script;
$_SERVER['SCRIPT_FILENAME'] = $target;
chdir(dirname($target));
require $target;
