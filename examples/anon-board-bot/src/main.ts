console.log('example bot: coming with the grammY issue');
