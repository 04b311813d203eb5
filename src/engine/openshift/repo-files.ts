/**
 * The files the simulated sample repositories start with: what builds read to decide what they do (a
 * Dockerfile for Docker builds, package.json's test script and the tests for a postCommit hook).
 * Trimmed copies of the upstream samples; only the parts the lab reads.
 */

const NODEJS_EX: Record<string, string> = {
  'package.json': `{
  "name": "nodejs-ex",
  "version": "0.0.1",
  "description": "Node.js sample app for OpenShift",
  "main": "server.js",
  "scripts": {
    "start": "node server.js",
    "test": "IP=0.0.0.0 PORT=3030 mocha --timeout 5000 tests/*_test.js"
  },
  "dependencies": {
    "express": "^4.21.1",
    "morgan": "^1.10.0"
  },
  "devDependencies": {
    "chai": "^4.5.0",
    "chai-http": "^4.4.0",
    "mocha": "^10.7.3"
  }
}
`,
  'server.js': `const express = require('express');
const morgan = require('morgan');

const app = express();
app.use(morgan('combined'));

app.get('/', (req, res) => {
  res.send('Welcome to your Node.js application on OpenShift');
});

const port = process.env.PORT || 8080;
app.listen(port, () => console.log('Server running on http://0.0.0.0:' + port));

module.exports = app;
`,
  'tests/app_test.js': `const chai = require('chai');
const chaiHttp = require('chai-http');
const server = require('../server');

chai.use(chaiHttp);

describe('Basic routes tests', () => {
  it('GET to / should return 200', (done) => {
    chai.request(server).get('/').end((err, res) => {
      chai.expect(res).to.have.status(200);
      done();
    });
  });
});
`,
  'README.md': '# Node.js sample app on OpenShift\n',
};

const DJANGO_EX: Record<string, string> = {
  'requirements.txt': 'Django>=4.2,<4.3\ngunicorn==23.0.0\n',
  'manage.py': '#!/usr/bin/env python\nimport os, sys\n',
  'welcome/tests.py':
    'from django.test import TestCase\n\n\nclass WelcomeTest(TestCase):\n    def test_index(self):\n        self.assertEqual(self.client.get("/").status_code, 200)\n',
  'README.md': '# Django sample app on OpenShift\n',
};

const RUBY_EX: Record<string, string> = {
  Gemfile: "source 'https://rubygems.org'\ngem 'rack'\ngem 'puma'\n",
  'config.ru':
    "run lambda { |env| [200, {'content-type' => 'text/plain'}, ['Welcome to your Ruby application on OpenShift']] }\n",
  'README.md': '# Ruby sample app on OpenShift\n',
};

const CAKEPHP_EX: Record<string, string> = {
  'composer.json': '{\n  "name": "cakephp/app",\n  "require": { "cakephp/cakephp": "4.5.*" }\n}\n',
  'index.php': '<?php\nrequire "webroot/index.php";\n',
  'README.md': '# CakePHP sample app on OpenShift\n',
};

export const RUBY_HELLO_DOCKERFILE =
  'FROM registry.access.redhat.com/ubi9/ruby-33\nUSER default\nEXPOSE 8080\nENV RACK_ENV production\nENV RAILS_ENV production\nCOPY . /opt/app-root/src/\nRUN scl enable rh-ruby bundle install\nCMD ["/usr/libexec/s2i/run"]\n';

const RUBY_HELLO: Record<string, string> = {
  Dockerfile: RUBY_HELLO_DOCKERFILE,
  Gemfile: "source 'https://rubygems.org'\ngem 'sinatra'\ngem 'mysql2'\n",
  'app.rb': "require 'sinatra'\nget('/') { 'Hello World!' }\n",
  'README.md': '# ruby-hello-world\n',
};

const NODEJS_CRUD: Record<string, string> = {
  'package.json': `{
  "name": "nodejs-rest-http-crud",
  "version": "4.0.0",
  "description": "Node.js CRUD example against PostgreSQL",
  "main": "app.js",
  "scripts": {
    "start": "node ./bin/www",
    "test": "tape test/*.js | tap-spec"
  },
  "dependencies": {
    "express": "^4.21.0",
    "pg": "^8.13.0"
  }
}
`,
  'app.js': "const express = require('express');\nconst db = require('./lib/db');\n",
  'lib/db/index.js':
    "const { Pool } = require('pg');\nmodule.exports = new Pool({ host: process.env.DATABASE_SERVICE_NAME || 'postgresql' });\n",
  'test/fruits-test.js':
    "const test = require('tape');\ntest('fruits', (t) => { t.pass('listed'); t.end(); });\n",
  'README.md': '# Node.js REST CRUD example\n',
};

export const SEED_FILES: Record<string, Record<string, string>> = {
  'https://github.com/sclorg/nodejs-ex': NODEJS_EX,
  'https://github.com/sclorg/django-ex': DJANGO_EX,
  'https://github.com/sclorg/ruby-ex': RUBY_EX,
  'https://github.com/sclorg/cakephp-ex': CAKEPHP_EX,
  'https://github.com/openshift/ruby-hello-world': RUBY_HELLO,
  'https://github.com/nodeshift-starters/nodejs-rest-http-crud': NODEJS_CRUD,
};
