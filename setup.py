# Standard nbdev 2 setup: everything comes from settings.ini.
from configparser import ConfigParser
import setuptools

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']
# Loose lower bounds here (a cluster keeps its own CUDA build of torch); exact versions live in requirements.lock,
# which the Makefile passes to pip as constraints. Extras: [video] decord, [pose] mediapipe (with its OpenCV),
# [pipeline] DVC, papermill, Jupyter, plotting; [gpu] Triton; [dev] nbdev and the versions it needs; [all] everything.
requirements = cfg.get('requirements', '').split()
extras = {k: cfg.get(f'{k}_requirements', '').split() for k in ('video', 'pose', 'pipeline', 'gpu', 'dev')}
extras['all'] = sorted({r for v in extras.values() for r in v})
dev_requirements = extras['dev']
setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'],
    author=cfg['author'], author_email=cfg['author_email'], license='Apache Software License 2.0',
    packages=setuptools.find_packages(include=['bmoe', 'bmoe.*']), include_package_data=True,
    install_requires=requirements, extras_require=extras,
    python_requires='>=' + cfg['min_python'], zip_safe=False,
    entry_points={'console_scripts': cfg.get('console_scripts', '').split('\n'), 'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
)
