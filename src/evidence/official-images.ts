/**
 * Docker Official Images: the names a `FROM` may give without a registry or namespace and still be
 * pulled (from Docker Hub's `library/`). Any other single-word name (`FROM argocd-base`) is most
 * likely an image the project builds itself first, which has no digest to pin in the registry.
 * Source: the `library/` folder of https://github.com/docker-library/official-images (the most used
 * entries; a name missing here only lowers the confidence of a finding, it hides none).
 */
export const OFFICIAL_IMAGES: ReadonlySet<string> = new Set(
  (
    'adminer aerospike almalinux alpine amazoncorretto amazonlinux arangodb archlinux backdrop bash bonita buildpack-deps ' +
    'busybox caddy cassandra chronograf cirros clearlinux clojure composer couchbase couchdb crate dart debian docker ' +
    'drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang fedora flink fluentd gazebo gcc ' +
    'geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world httpd hylang ibm-semeru-runtimes ibmjava ' +
    'influxdb irssi jetty jobber joomla jruby julia kapacitor kibana kong krakend lightstreamer liquibase logstash ' +
    'mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono mysql nats neo4j neurodebian ' +
    'nextcloud nginx node notary odoo open-liberty openjdk oraclelinux orientdb percona perl photon php php-zendserver ' +
    'phpmyadmin plone postfixadmin postgres pypy python r-base rabbitmq rakudo-star redis redmine registry rethinkdb ' +
    'rocket.chat rockylinux ruby rust sapmachine satosa scratch silverpeas solr sonarqube spark spiped storm swift ' +
    'swipl teamspeak telegraf tomcat tomee traefik ubuntu unit varnish websphere-liberty wordpress xwiki yourls znc ' +
    'zookeeper'
  ).split(' '),
);

/** A reference without a registry or namespace that is not an official image: probably built locally. */
export function isLikelyLocalImage(reference: string): boolean {
  const name = reference.split('@')[0]!.split(':')[0]!.toLowerCase();
  return name !== '' && !name.includes('/') && !OFFICIAL_IMAGES.has(name);
}
