console.log('monitor bot: coming with the monitoring issue');
